/* four: the tutorial's four(), two tasks that wait 3 s and 1 s.  Awaiting
 * task_sleep, they wait at the same time: 3 s in all, TWO done first.
 * With the seed's other version, a blocking time.sleep(t) inside the
 * coroutine, the thread itself waits, and with it the loop and every
 * task: ONE runs to its end before TWO even starts, 4 s in all.  (The
 * seed gathers the tasks with asyncio.gather, lab 5; here the loop runs
 * until each is done in turn, which prints the same.)
 * Python twin: four.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "task.h"

/* print(text), stamped with the running loop's clock */
static void say(const char *text)
{
    double now = loop_time(task_running_loop());

    printf("t=%.1f  %s\n", now, text);
    co_trace(CO_TRACE_NOTE, "four", now, co_none(), text);
}

/* time.sleep(seconds) inside a coroutine, on the virtual clock: the step
 * that calls it keeps the thread while the clock moves on, so nothing
 * else (no other task, no callback, no timer) runs meanwhile.  On the
 * real clock it would be a real sleep, or any long computation. */
static void block(double seconds)
{
    task_running_loop()->now += seconds;
}

/* async def corowork(name, t):                 (blocking: time.sleep(t)
 *     print('[corowork] Start coroutine', name)   instead of the await)
 *     await asyncio.sleep(t)
 *     print('[corowork] Stop coroutine', name)
 *     return 'Coroutine {} OK'.format(name) */
struct corowork_frame {
    const char *name;
    double t;
    bool blocking;
    struct co_value slept;
    char line[64];
    char result[32];            /* the return value's characters: they live
                                   as long as the task (co_str borrows) */
};

static enum gen_step corowork_body(struct gen *g, void *frame)
{
    struct corowork_frame *f = frame;

    GEN_BEGIN(g);
    snprintf(f->line, sizeof f->line, "[corowork] Start coroutine %s", f->name);
    say(f->line);
    if (f->blocking)
        block(f->t);                                       /* everything waits */
    else
        TASK_AWAIT_GEN(g, task_sleep(f->t, co_none()), f->slept);   /* this task waits */
    snprintf(f->line, sizeof f->line, "[corowork] Stop coroutine %s", f->name);
    say(f->line);
    snprintf(f->result, sizeof f->result, "Coroutine %s OK", f->name);
    GEN_RETURN(g, co_str(f->result));
    GEN_END(g);
}

static struct gen *corowork(const char *name, double t, bool blocking)
{
    struct gen *g = gen_new("corowork", corowork_body, sizeof(struct corowork_frame));

    if (g)
        *(struct corowork_frame *)gen_frame(g) = (struct corowork_frame){
            .name = name, .t = t, .blocking = blocking };
    return g;
}

static int four(bool blocking)
{
    struct loop loop;
    struct task *task1 = NULL, *task2 = NULL;
    struct co_value out;
    struct co_exc exc;
    int ok;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = task_create(&loop, corowork("ONE", 3, blocking), NULL, &task1) == CO_OK &&
         task_create(&loop, corowork("TWO", 1, blocking), NULL, &task2) == CO_OK &&
         task_run_until_complete(&loop, task_future(task1), &out, &exc) == CO_OK &&
         task_run_until_complete(&loop, task_future(task2), &out, &exc) == CO_OK;
    if (ok && future_result(task_future(task1), &out, &exc) == CO_OK)
        printf("[task1] %s\n", out.as.s);
    if (ok && future_result(task_future(task2), &out, &exc) == CO_OK)
        printf("[task2] %s\n", out.as.s);
    if (ok)
        printf("took %.1f s\n", loop_time(&loop));
    loop_close(&loop);
    task_free(task1);
    task_free(task2);
    loop_destroy(&loop);
    return ok;
}

int main(void)
{
    int ok;

    puts("-- await asyncio.sleep(t)");
    ok = four(false);
    puts("-- time.sleep(t), blocking");
    ok = four(true) && ok;
    if (!ok)
        fprintf(stderr, "four: something failed\n");
    return ok ? 0 : 1;
}
