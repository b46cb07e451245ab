/* async_cancel: the tutorial's three workers, sleeping 1, 2 and 3 s.  The
 * loop runs until the first is done; then task_all (asyncio.all_tasks)
 * gives the two that are not done, and task_cancel on each is true, but
 * they stay PENDING until the loop throws CancelledError into them;
 * task_cancel on the finished worker is false.  Running the loop again
 * delivers the cancellations: CANCELLED.
 * Python twin: async_cancel.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "examples/scenario.h"
#include "task.h"

/* print(text), stamped with the loop's clock */
static void say_at(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "async_cancel", loop_time(loop), co_none(), text);
}

/* the same, inside a coroutine: the running loop's clock */
static void say(const char *text)
{
    say_at(task_running_loop(), text);
}

/* async def work(id, t):
 *     print('Working {}...'.format(id))
 *     await asyncio.sleep(t)
 *     print('Work {} done'.format(id)) */
struct work_frame {
    int id;
    double t;
    struct co_value slept;
    char line[32];
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    snprintf(f->line, sizeof f->line, "Working %d...", f->id);
    say(f->line);
    TASK_AWAIT_GEN(g, task_sleep(f->t, co_none()), f->slept);  /* CancelledError comes in here */
    snprintf(f->line, sizeof f->line, "Work %d done", f->id);
    say(f->line);
    GEN_END(g);
}

static struct gen *work(int id, double t)
{
    struct gen *g = gen_new("work", work_body, sizeof(struct work_frame));

    if (g)
        *(struct work_frame *)gen_frame(g) =
            (struct work_frame){ .id = id, .t = t };
    return g;
}

#ifndef PLAY_SCENARIO   /* what main prints; the playground prints its own */
static const char *state(struct task *t)
{
    return future_state_name(future_state(task_future(t)));
}

/* print('cancel {} ({}): {}, now {}'.format(t.get_name(), t._state, t.cancel(), t._state)) */
static void cancel(struct task *t)
{
    char name[32];
    const char *before = state(t);
    bool cancelled = task_cancel(t, NULL);

    printf("cancel %s (%s): %s, now %s\n", task_name(t, name, sizeof name), before,
           cancelled ? "True" : "False", state(t));
}
#endif

/* The scenario (examples/scenario.h): the three workers, created on the
 * loop and not run yet; `labs play lab04` steps them. */
static struct task *tasks[3];

static int setup(struct loop *loop)
{
    int r = CO_OK;

    for (int i = 0; i < 3 && r == CO_OK; i++)    /* tasks = [create_task(work(i, i)) ...] */
        r = task_create(loop, work(i + 1, i + 1), NULL, &tasks[i]);
    return r;
}

/* after loop_close: the tasks may be unfinished, task_free takes them */
static void teardown(void)
{
    for (int i = 0; i < 3; i++) {
        task_free(tasks[i]);
        tasks[i] = NULL;
    }
}

EXAMPLE_SCENARIO(async_cancel, "three workers sleeping 1, 2, 3 s: `cancel Task-2` while they wait",
                 setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    struct task *unfinished[3];
    struct co_value out;
    struct co_exc exc;
    char name[32], line[80];
    size_t n = 0;
    int i, ok = 1;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = setup(&loop) == CO_OK;
    ok = ok && task_run_until_complete(&loop, task_future(tasks[0]), &out, &exc) == CO_OK;
    if (ok) {
        n = task_all(&loop, unfinished, 3);                        /* asyncio.all_tasks(loop) */
        printf("unfinished tasks: %zu\n", n);
        for (i = 0; i < 3; i++)
            for (size_t k = 0; k < n && k < 3; k++)
                if (unfinished[k] == tasks[i])
                    cancel(tasks[i]);
        cancel(tasks[0]);
        for (i = 1; i < 3; i++) {
            if (task_run_until_complete(&loop, task_future(tasks[i]), &out, &exc) == GEN_RAISED &&
                co_exc_is(&exc, CO_CANCELLED_ERROR)) {
                snprintf(line, sizeof line, "%s raised CancelledError: %s",
                         task_name(tasks[i], name, sizeof name), state(tasks[i]));
                say_at(&loop, line);
            } else {
                ok = 0;
            }
        }
    }

    loop_close(&loop);
    teardown();
    loop_destroy(&loop);
    if (!ok)
        fprintf(stderr, "async_cancel: something failed\n");
    return ok ? 0 : 1;
}
#endif
