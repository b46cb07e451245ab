/* nested: the tutorial's nested(), which returns 42.  Making the
 * coroutine (gen_new) runs nothing of its body.  Awaited
 * (TASK_AWAIT_GEN), it runs right there, inside main's step: 42.  Wrapped
 * in a task (task_create), it runs in a step of its own when the loop
 * gets to it, and awaiting the task's future waits for that: 42.  A task
 * runs whether or not anyone awaits it.
 * Python twin: nested.py. */
#include <stdio.h>

#include "task.h"

/* async def nested():
 *     print('nested() runs')
 *     return 42 */
static enum gen_step nested_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    puts("nested() runs");
    GEN_RETURN(g, co_int(42));
    GEN_END(g);
}

static struct gen *nested(void)
{
    return gen_new("nested", nested_body, 0);
}

struct main_frame {
    struct task *task, *task2;  /* main's tasks: task_run frees them with the loop */
    struct co_value r;
    struct co_exc exc;
};

/* async def main(): see nested.py */
static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct gen *coro;

    GEN_BEGIN(g);
    coro = nested();                                  /* coro = nested(): nothing ran */
    puts("called nested(): not run yet");
    gen_free(coro);                                   /* coro.close() */

    TASK_AWAIT_GEN(g, nested(), f->r);                /* print(await nested()) */
    printf("%lld\n", f->r.as.i);

    if (task_create(task_running_loop(), nested(), NULL, &f->task) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "create_task failed");
    puts("created a task: not run yet");
    TASK_AWAIT(g, task_future(f->task), f->r);        /* print(await task) */
    printf("%lld\n", f->r.as.i);

    if (task_create(task_running_loop(), nested(), NULL, &f->task2) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "create_task failed");
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), f->r);    /* await asyncio.sleep(0) */
    if (future_result(task_future(f->task2), &f->r, &f->exc) != CO_OK)
        GEN_RERAISE(g, f->exc);
    printf("a task nobody awaits: done %s, result %lld\n",
           future_done(task_future(f->task2)) ? "True" : "False", f->r.as.i);
    GEN_END(g);
}

int main(void)
{
    struct co_value out;
    struct co_exc exc;
    int r;

    r = task_run(gen_new("main", main_body, sizeof(struct main_frame)),   /* asyncio.run(main()) */
                 LOOP_CLOCK_VIRTUAL, &out, &exc);
    if (r != CO_OK)
        fprintf(stderr, "nested: something failed (%s)\n", gen_outcome_name(r));
    return r == CO_OK ? 0 : 1;
}
