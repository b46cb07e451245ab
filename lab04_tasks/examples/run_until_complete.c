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

/* async def inside(loop):
 *     loop.run_until_complete(loop.create_future())   # RuntimeError
 *     asyncio.run(task())                              # RuntimeError */
struct inside_frame {
    struct loop *loop;
};

static enum gen_step inside_body(struct gen *g, void *frame)
{
    struct inside_frame *f = frame;
    struct future *fut;
    struct co_value out;
    struct co_exc exc;
    char text[CO_EXC_FORMAT_MAX];

    GEN_BEGIN(g);
    fut = future_new(f->loop);
    if (task_run_until_complete(f->loop, fut, &out, &exc) == CO_ESTATE)
        puts(co_exc_format(&exc, text, sizeof text));
    future_free(fut);
    if (task_run(task(), LOOP_CLOCK_VIRTUAL, &out, &exc) == CO_ESTATE)   /* takes the coroutine */
        puts(co_exc_format(&exc, text, sizeof text));
    GEN_END(g);
}

/* loop.run_until_complete(coro) wraps coro in a task itself; in C the
 * task is made first (task_create) and its future is what the loop runs
 * until. */
static int run_until_complete(struct gen *(*make)(struct loop *))
{
    struct loop loop;
    struct task *t = NULL;
    struct co_value out;
    struct co_exc exc;
    int r;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);                 /* event_loop = asyncio.new_event_loop() */
    r = task_create(&loop, make(&loop), NULL, &t);
    if (r == CO_OK)
        r = task_run_until_complete(&loop, task_future(t), &out, &exc);
    loop_close(&loop);                                    /* event_loop.close() */
    task_free(t);
    loop_destroy(&loop);
    return r;
}

static struct gen *make_task(struct loop *loop)
{
    (void)loop;
    return task();
}

static struct gen *make_inside(struct loop *loop)
{
    struct gen *g = gen_new("inside", inside_body, sizeof(struct inside_frame));

    if (g)
        ((struct inside_frame *)gen_frame(g))->loop = loop;
    return g;
}

int main(void)
{
    struct co_value out;
    struct co_exc exc;
    int ok;

    ok = run_until_complete(make_task) == CO_OK;           /* event_loop.run_until_complete(task()) */
    puts("run main ...");
    ok = task_run(task(), LOOP_CLOCK_VIRTUAL, &out, &exc) == CO_OK && ok;  /* asyncio.run(task()) */
    puts("run main ...");
    ok = run_until_complete(make_inside) == CO_OK && ok;
    if (!ok)
        fprintf(stderr, "run_until_complete: something failed\n");
    return ok ? 0 : 1;
}
