/* task_state: the tutorial's look at a task's state, PENDING before the
 * loop has run it and FINISHED after, and the third state the tutorial
 * leaves out: CANCELLED.  task_cancel is a request: the task stays
 * PENDING until its next step throws CancelledError in; a task cancelled
 * before its first step never runs its coroutine at all.
 * Python twin: task_state.py. */
#include <stdio.h>

#include "task.h"

/* async def do_some_work():
 *     print('Start coroutine')
 *     print('This is a coroutine') */
static enum gen_step work_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    puts("Start coroutine");
    puts("This is a coroutine");
    GEN_END(g);
}

static const char *state(struct task *t)    /* task._state */
{
    return future_state_name(future_state(task_future(t)));
}

static const char *py_bool(bool b)
{
    return b ? "True" : "False";
}

int main(void)
{
    struct loop loop;
    struct task *task = NULL, *task2 = NULL;
    struct co_value out;
    struct co_exc exc;
    int ok, r;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = task_create(&loop, gen_new("do_some_work", work_body, 0), NULL, &task) == CO_OK;
    if (ok) {
        /* A task is a future that drives a coroutine: struct task begins
         * with its struct future, and the future knows it is a task's. */
        printf("isinstance(task, asyncio.Task): %s\n",
               py_bool(task_of_future(task_future(task)) == task));
        printf("isinstance(task, asyncio.Future): %s\n",
               py_bool((void *)task_future(task) == (void *)task));
        printf("Task state: %s\n", state(task));                  /* nothing ran yet */
        ok = task_run_until_complete(&loop, task_future(task), &out, &exc) == CO_OK;
        printf("Task state: %s\n", state(task));
    }

    ok = ok && task_create(&loop, gen_new("do_some_work", work_body, 0), NULL, &task2) == CO_OK;
    if (ok) {
        printf("cancel(): %s\n", py_bool(task_cancel(task2, NULL)));
        printf("Task state: %s\n", state(task2));                 /* a request, not yet delivered */
        r = task_run_until_complete(&loop, task_future(task2), &out, &exc);
        if (r == GEN_RAISED && co_exc_is(&exc, CO_CANCELLED_ERROR))
            puts("run_until_complete raised CancelledError");
        else
            ok = false;
        printf("Task state: %s\n", state(task2));
        printf("cancelled(): %s  done(): %s\n",
               py_bool(future_cancelled(task_future(task2))), py_bool(future_done(task_future(task2))));
        printf("cancel() again: %s\n", py_bool(task_cancel(task2, NULL)));
    }

    loop_close(&loop);
    task_free(task);
    task_free(task2);
    loop_destroy(&loop);
    if (!ok)
        fprintf(stderr, "task_state: something failed\n");
    return ok ? 0 : 1;
}
