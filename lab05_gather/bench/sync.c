/*
 * sync - lab05's Queue and Semaphore under load, on the virtual clock.
 * One line per workload, "name<TAB>ns per item<TAB>bytes per item"
 * (common/co_bench.h), the format grader/scripts/bench.sh pairs with
 * sync.py's lines:
 *
 *   - a Queue ping-pong of N messages (default 1,000,000): two tasks and
 *     two unbounded queues; ping does `await q1.put(i)` then
 *     `await q2.get()`, pong `await q1.get()` then `await q2.put(v)`, so
 *     every message is one awaited put and one awaited get, and every
 *     get but none of the puts waits (a task switch per message);
 *   - N / 100 tasks (at least 1,000; 10,000 by default) through a
 *     Semaphore of 100: each does `async with sem: await sleep(0)`; all
 *     are created, then the loop runs until they are all done, then
 *     they are freed.
 *
 *   build/sol/lab05_gather/bench/sync [N]
 */
#include <stdio.h>
#include <stdlib.h>

#include "co_bench.h"
#include "sync.h"

static struct queue q1, q2;
static long rounds;                  /* messages each way: N / 2 */
static struct sem sem;

struct pp_frame {
    long i;
    struct co_value r;
};

static enum gen_step ping_body(struct gen *g, void *frame)
{
    struct pp_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < rounds; f->i++) {
        TASK_AWAIT_GEN(g, queue_put(&q1, co_int(f->i)), f->r);
        TASK_AWAIT_GEN(g, queue_get(&q2), f->r);
    }
    GEN_END(g);
}

static enum gen_step pong_body(struct gen *g, void *frame)
{
    struct pp_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < rounds; f->i++) {
        TASK_AWAIT_GEN(g, queue_get(&q1), f->r);
        TASK_AWAIT_GEN(g, queue_put(&q2, f->r), f->r);
    }
    GEN_END(g);
}

static enum gen_step user_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, sem_acquire(&sem), *r);      /* async with sem: */
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), *r);
    sem_release(&sem);
    GEN_END(g);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long users = n / 100 < 1000 ? 1000 : n / 100;
    struct loop loop;
    struct task *ping, *pong, **t;
    double t0, t1;
    long rss0;
    const char *pingpong = "Queue ping-pong, per message (an awaited put and get)";
    const char *semaphore = "tasks through a Semaphore of 100 (async with: sleep(0)), per task";

    if (n < 1000 || !(t = calloc((size_t)users, sizeof *t))) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 messages)\n", argv[0]);
        return 2;
    }
    rounds = n / 2;

    rss0 = co_bench_peak_reset();
    if (loop_init(&loop, LOOP_CLOCK_VIRTUAL) != CO_OK)
        co_bench_fail(pingpong, "loop_init");
    t0 = co_bench_cpu_ns();
    if (queue_init(&q1, &loop, 0) != CO_OK || queue_init(&q2, &loop, 0) != CO_OK)
        co_bench_fail(pingpong, "queue_init");
    if (task_create(&loop, gen_new("ping", ping_body, sizeof(struct pp_frame)), NULL, &ping) != CO_OK ||
        task_create(&loop, gen_new("pong", pong_body, sizeof(struct pp_frame)), NULL, &pong) != CO_OK)
        co_bench_fail(pingpong, "task_create");
    loop_run_forever(&loop);
    if (!future_done(&ping->fut) || !future_done(&pong->fut) || queue_size(&q1) || queue_size(&q2))
        co_bench_fail(pingpong, "the puts and gets (queue_put, queue_get)");
    if (task_free(ping) != CO_OK || task_free(pong) != CO_OK ||
        queue_destroy(&q1) != CO_OK || queue_destroy(&q2) != CO_OK)
        co_bench_fail(pingpong, "task_free or queue_destroy");
    t1 = co_bench_cpu_ns();
    loop_destroy(&loop);
    co_bench_report_bytes(pingpong, t0, t1, 2 * rounds, rss0, -1);

    rss0 = co_bench_peak_reset();
    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    t0 = co_bench_cpu_ns();
    if (sem_init(&sem, &loop, 100) != CO_OK)
        co_bench_fail(semaphore, "sem_init");
    for (long i = 0; i < users; i++)
        if (task_create(&loop, gen_new("user", user_body, sizeof(struct co_value)), NULL, &t[i]) != CO_OK)
            co_bench_fail(semaphore, "task_create");
    loop_run_forever(&loop);
    for (long i = 0; i < users; i++)
        if (!future_done(&t[i]->fut) || task_free(t[i]) != CO_OK)
            co_bench_fail(semaphore, "async with sem (sem_acquire, sem_release), or task_free,");
    if (sem.value != 100 || sem_destroy(&sem) != CO_OK)
        co_bench_fail(semaphore, "sem_release or sem_destroy");
    t1 = co_bench_cpu_ns();
    loop_destroy(&loop);
    co_bench_report_bytes(semaphore, t0, t1, users, rss0, -1);
    free(t);
    return 0;
}
