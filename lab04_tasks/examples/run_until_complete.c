/* run_until_complete: the tutorial's first runnable coroutine.  The loop
 * runs it to its end before task_run_until_complete returns, so
 * "run task ..." comes before "run main ...": first with a loop made by
 * hand, then with task_run (asyncio.run), which makes a fresh loop and
 * closes it.  Neither may be called from inside a running loop.
 * Python twin: run_until_complete.py. */
#include <stdio.h>

#include "task.h"

/* async def task():
 *     print("run task ...") */
static enum gen_step task_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    puts("run task ...");
    GEN_END(g);
}

static struct gen *task(void)
{
    return gen_new("task", task_body, 0);
}

/* async def inside():
 *     loop = asyncio.get_running_loop()
 *     loop.run_until_complete(loop.create_future())   # RuntimeError
 *     asyncio.run(task())                              # RuntimeError */
static enum gen_step inside_body(struct gen *g, void *frame)
{
    struct loop *loop = task_running_loop();
    struct future *fut;
    struct co_value out;
    struct co_exc exc;
    char text[CO_EXC_FORMAT_MAX];

    (void)frame;
    GEN_BEGIN(g);
    fut = future_new(loop);
    if (task_run_until_complete(loop, fut, &out, &exc) == CO_ESTATE)
        puts(co_exc_format(&exc, text, sizeof text));
    future_free(fut);
    if (task_run(task(), LOOP_CLOCK_VIRTUAL, &out, &exc) == CO_ESTATE)   /* takes the coroutine */
        puts(co_exc_format(&exc, text, sizeof text));
    GEN_END(g);
}

int main(void)
{
    struct loop event_loop;
    struct task *t = NULL;
    struct co_value out;
    struct co_exc exc;
    bool ok;

    /* fiberObject = task()
     * event_loop = asyncio.new_event_loop()
     * event_loop.run_until_complete(fiberObject)
     * asyncio wraps the coroutine in a task itself; in C the task is made
     * first (task_create), and its future is what the loop runs until. */
    loop_init(&event_loop, LOOP_CLOCK_VIRTUAL);
    ok = task_create(&event_loop, task(), NULL, &t) == CO_OK &&
         task_run_until_complete(&event_loop, task_future(t), &out, &exc) == CO_OK;
    puts("run main ...");
    loop_close(&event_loop);
    task_free(t);
    loop_destroy(&event_loop);

    ok = task_run(task(), LOOP_CLOCK_VIRTUAL, &out, &exc) == CO_OK && ok;  /* asyncio.run(task()) */
    puts("run main ...");

    ok = task_run(gen_new("inside", inside_body, 0), LOOP_CLOCK_VIRTUAL, &out, &exc) == CO_OK && ok;
    if (!ok)
        fprintf(stderr, "run_until_complete: something failed\n");
    return ok ? 0 : 1;
}
