/* say_after: the tutorial's say_after(delay, what), run twice as
 * asyncio.run(main()).  Awaited one after the other (TASK_AWAIT_GEN: lab
 * 2's delegation, nothing runs meanwhile but this chain), the 1 s and 2 s
 * waits add up to 3 s.  Wrapped in two tasks first (task_create), both
 * wait at the same time: 2 s.
 * Python twin: say_after.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "task.h"

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "say_after", loop_time(loop), co_none(), text);
}

/* async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what) */
struct say_after_frame {
    struct loop *loop;
    double delay;
    const char *what;
    struct co_value slept;
};

static enum gen_step say_after_body(struct gen *g, void *frame)
{
    struct say_after_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->slept);
    say(f->loop, f->what);
    GEN_END(g);
}

static struct gen *say_after(struct loop *loop, double delay, const char *what)
{
    struct gen *g = gen_new("say_after", say_after_body, sizeof(struct say_after_frame));

    if (g)
        *(struct say_after_frame *)gen_frame(g) =
            (struct say_after_frame){ .loop = loop, .delay = delay, .what = what };
    return g;
}

/* Both mains share one frame: the loop, the two tasks main_tasks makes
 * (main owns them; run() frees them), and what each await gives. */
struct main_frame {
    struct loop *loop;
    struct task *task1, *task2;
    struct co_value r;
};

/* async def main():
 *     print('started')
 *     await say_after(1, 'hello')
 *     await say_after(2, 'world')
 *     print('finished') */
static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;

    GEN_BEGIN(g);
    say(f->loop, "started");
    TASK_AWAIT_GEN(g, say_after(f->loop, 1, "hello"), f->r);   /* to its end: 1 s */
    TASK_AWAIT_GEN(g, say_after(f->loop, 2, "world"), f->r);   /* then this one: 2 s more */
    say(f->loop, "finished");
    GEN_END(g);
}

/* async def main_tasks():
 *     task1 = asyncio.create_task(say_after(1, 'hello'))
 *     task2 = asyncio.create_task(say_after(2, 'world'))
 *     print('started')
 *     await task1
 *     await task2
 *     print('finished') */
static enum gen_step main_tasks_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;

    GEN_BEGIN(g);
    if (task_create(f->loop, say_after(f->loop, 1, "hello"), NULL, &f->task1) != CO_OK ||
        task_create(f->loop, say_after(f->loop, 2, "world"), NULL, &f->task2) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "create_task failed");
    say(f->loop, "started");
    TASK_AWAIT(g, task_future(f->task1), f->r);    /* both tasks run already: 1 s */
    TASK_AWAIT(g, task_future(f->task2), f->r);    /* task2 has slept 1 s of its 2 */
    say(f->loop, "finished");
    GEN_END(g);
}

/* asyncio.run(main()), spelled out: a fresh loop, main as a task run
 * until it is done, the loop closed, the tasks freed (main's own first:
 * they live in its frame).  task_run does the same, but the coroutines
 * here need the loop itself, to print its clock and to create tasks. */
static int run(gen_body_fn *body)
{
    struct loop loop;
    struct gen *g;
    struct main_frame *f = NULL;
    struct task *main_task = NULL;
    struct co_value out;
    struct co_exc exc;
    int r = CO_ENOMEM;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    g = gen_new("main", body, sizeof(struct main_frame));
    if (g) {
        f = gen_frame(g);
        f->loop = &loop;
        r = task_create(&loop, g, NULL, &main_task);
        if (r != CO_OK) {
            gen_free(g);                /* task_create took nothing */
            f = NULL;
        }
    }
    if (r == CO_OK)
        r = task_run_until_complete(&loop, task_future(main_task), &out, &exc);
    loop_close(&loop);
    if (f) {
        task_free(f->task1);
        task_free(f->task2);
    }
    task_free(main_task);
    loop_destroy(&loop);
    return r;
}

int main(void)
{
    int ok;

    puts("-- awaited in turn");
    ok = run(main_body) == CO_OK;
    puts("-- as two tasks");
    ok = run(main_tasks_body) == CO_OK && ok;
    if (!ok)
        fprintf(stderr, "say_after: something failed\n");
    return ok ? 0 : 1;
}
