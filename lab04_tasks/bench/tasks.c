/*
 * tasks - lab04's workloads, on the virtual clock.  One line per
 * workload, "name<TAB>ns per item<TAB>bytes per item", the format that
 * grader/scripts/bench.sh pairs with tasks.py's lines:
 *
 *   - N tasks (default 1,000,000), each awaiting sleep(0) once (a bare
 *     yield) and returning; the loop runs until all are done; then all
 *     are freed;
 *   - N tasks alive at once, each suspended on one future they all await
 *     (a server's idle connections): they are created and run to their
 *     await a thousand at a time, so that the loop's handles for their
 *     first steps are recycled and do not count; then the future is set,
 *     they all finish and are freed.  Its bytes per item are what the
 *     resident set holds while they are all suspended (the waking, a
 *     loop handle per callback, comes after): one task,
 *     struct task, its coroutine with a 16-byte frame, malloc's header of
 *     each, and its entry in the future's callback list (see task.h and
 *     the handout for each byte);
 *   - N futures, each given one done callback, then each set, then one
 *     iteration runs the N callbacks; then all are freed.
 *
 * Time and bytes per item are measured as common/co_bench.h says (CPU
 * time; the growth of the resident set at its peak, over N).  The
 * benchmark's own arrays of pointers are made resident before the first
 * workload, so they count in none; CPython's list of its tasks does
 * count, 8 bytes a task.
 *
 *   build/sol/lab04_tasks/bench/tasks [N] [delay]
 *
 * delay > 0 makes every task sleep that long instead (a timer each);
 * delay < 0 makes it yield bare instead of awaiting sleep(0) (what
 * sleep(0) comes down to, without the cost of its own coroutine).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "co_bench.h"
#include "task.h"

/* Every task's coroutine has a 16-byte frame: what it awaits gives r. */
struct bench_frame {
    struct co_value r;
};

static double delay;                 /* the same for every task */
static struct future *shared;        /* what the third workload's tasks await */

static enum gen_step bench_body(struct gen *g, void *frame)
{
    struct bench_frame *f = frame;

    GEN_BEGIN(g);
    if (delay < 0)
        GEN_YIELD(g, co_none());     /* a bare yield, without sleep's coroutine */
    else
        TASK_AWAIT_GEN(g, task_sleep(delay, co_none()), f->r);
    GEN_END(g);
}

static enum gen_step waiter_body(struct gen *g, void *frame)
{
    struct bench_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT(g, shared, f->r);
    GEN_END(g);
}

static long called;

static void done_cb(struct future *fut, void *arg)
{
    (void)fut;
    (void)arg;
    called++;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    (void)(delay = argc > 2 ? atof(argv[2]) : 0);
    const char *what = delay < 0 ? "tasks, each yielding once (bare), run to completion"
                     : delay > 0 ? "tasks, each sleeping (a timer), run to completion"
                                 : "tasks, each awaiting sleep(0) once, run to completion";
    const char *suspended = "tasks alive at once, each suspended on a future";
    const char *futures = "futures, each with a done callback, set and run";
    struct loop loop;
    struct task **t;
    struct future **fu;
    double t0, t1;
    long rss0, held;

    if (n < 1000) {
        fprintf(stderr, "usage: %s [N] [delay]   (N >= 1000 items per workload)\n", argv[0]);
        return 2;
    }
    t = malloc((size_t)n * sizeof *t);
    fu = malloc((size_t)n * sizeof *fu);
    if (!t || !fu)
        return 1;                       /* no memory for the benchmark itself */
    /* the benchmark's own arrays are resident before any workload: they
     * are not the tasks' bytes */
    memset(t, 0, (size_t)n * sizeof *t);
    memset(fu, 0, (size_t)n * sizeof *fu);

    rss0 = co_bench_peak_reset();
    if (loop_init(&loop, LOOP_CLOCK_VIRTUAL) != CO_OK)
        co_bench_fail(what, "loop_init");
    t0 = co_bench_cpu_ns();
    for (long i = 0; i < n; i++) {
        struct gen *g = gen_new("bench", bench_body, sizeof(struct bench_frame));
        if (!g || task_create(&loop, g, NULL, &t[i]) != CO_OK)
            co_bench_fail(what, "task_create");
    }
    loop_run_forever(&loop);            /* CO_EDONE: nothing left to run */
    for (long i = 0; i < n; i++)
        if (!future_done(&t[i]->fut) || task_free(t[i]) != CO_OK)
            co_bench_fail(what, "running each task to its end (task_step), or "
                          "task_free,");
    t1 = co_bench_cpu_ns();
    loop_destroy(&loop);
    co_bench_report_bytes(what, t0, t1, n, rss0, -1);

    rss0 = co_bench_peak_reset();
    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    t0 = co_bench_cpu_ns();
    shared = future_new(&loop);
    if (!shared)
        co_bench_fail(suspended, "future_new");
    for (long i = 0; i < n; i++) {
        struct gen *g = gen_new("waiter", waiter_body, sizeof(struct bench_frame));
        if (!g || task_create(&loop, g, NULL, &t[i]) != CO_OK)
            co_bench_fail(suspended, "task_create");
        if (i % 1000 == 999 || i == n - 1)
            loop_run_once(&loop);       /* these thousand now await `shared` */
    }
    held = co_bench_status_kb("VmRSS");          /* the million suspended tasks */
    if (shared->n_callbacks != (uint32_t)n)
        co_bench_fail(suspended, "each task's await of the future (its done "
                      "callback)");
    if (future_set_result(shared, co_none(), NULL) != CO_OK)
        co_bench_fail(suspended, "future_set_result");
    loop_run_forever(&loop);
    for (long i = 0; i < n; i++)
        if (!future_done(&t[i]->fut) || task_free(t[i]) != CO_OK)
            co_bench_fail(suspended, "running each task to its end (task_step), or "
                          "task_free,");
    if (future_free(shared) != CO_OK)
        co_bench_fail(suspended, "future_free");
    t1 = co_bench_cpu_ns();
    loop_destroy(&loop);
    co_bench_report_bytes(suspended, t0, t1, n, rss0, held);

    rss0 = co_bench_peak_reset();
    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    called = 0;
    t0 = co_bench_cpu_ns();
    for (long i = 0; i < n; i++) {
        fu[i] = future_new(&loop);
        if (!fu[i] || future_add_done_callback(fu[i], done_cb, NULL) != CO_OK)
            co_bench_fail(futures, "future_new or future_add_done_callback");
    }
    for (long i = 0; i < n; i++)
        if (future_set_result(fu[i], co_int(i), NULL) != CO_OK)
            co_bench_fail(futures, "future_set_result");
    loop_run_once(&loop);
    for (long i = 0; i < n; i++)
        if (future_free(fu[i]) != CO_OK)
            co_bench_fail(futures, "future_free");
    t1 = co_bench_cpu_ns();
    loop_destroy(&loop);
    if (called != n)
        co_bench_fail(futures, "running the done callbacks");
    co_bench_report_bytes(futures, t0, t1, n, rss0, -1);

    free(t);
    free(fu);
    return 0;
}
