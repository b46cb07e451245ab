/* say_after: the tutorial's say_after(delay, what), run twice with
 * task_run (asyncio.run).  Awaited one after the other (TASK_AWAIT_GEN:
 * lab 2's delegation), the 1 s and 2 s waits add up to 3 s.  Wrapped in
 * two tasks first (task_create), both wait at the same time: 2 s.
 * Python twin: say_after.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "examples/scenario.h"
#include "task.h"

/* print(text), stamped with the running loop's clock */
static void say(const char *text)
{
    double now = loop_time(task_running_loop());

    printf("t=%.1f  %s\n", now, text);
    co_trace(CO_TRACE_NOTE, "say_after", now, co_none(), text);
}

/* async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what) */
struct say_after_frame {
    double delay;
    const char *what;
    struct co_value slept;
};

static enum gen_step say_after_body(struct gen *g, void *frame)
{
    struct say_after_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->slept);
    say(f->what);
    GEN_END(g);
}

static struct gen *say_after(double delay, const char *what)
{
    struct gen *g = gen_new("say_after", say_after_body, sizeof(struct say_after_frame));

    if (g)
        *(struct say_after_frame *)gen_frame(g) =
            (struct say_after_frame){ .delay = delay, .what = what };
    return g;
}

/* Both mains share one frame: the tasks main_tasks makes (task_run
 * frees them with the loop) and what each await gives. */
struct main_frame {
    struct task *task1, *task2;
    struct co_value r;
};

#ifndef PLAY_SCENARIO   /* the playground loads main_tasks only */
/* async def main():
 *     print('started')
 *     await say_after(1, 'hello')
 *     await say_after(2, 'world')
 *     print('finished') */
static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;

    GEN_BEGIN(g);
    say("started");
    TASK_AWAIT_GEN(g, say_after(1, "hello"), f->r);    /* to its end: 1 s */
    TASK_AWAIT_GEN(g, say_after(2, "world"), f->r);    /* then this one: 2 s more */
    say("finished");
    GEN_END(g);
}
#endif

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
    if (task_create(task_running_loop(), say_after(1, "hello"), NULL, &f->task1) != CO_OK ||
        task_create(task_running_loop(), say_after(2, "world"), NULL, &f->task2) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "create_task failed");
    say("started");
    TASK_AWAIT(g, task_future(f->task1), f->r);    /* both tasks run already: 1 s */
    TASK_AWAIT(g, task_future(f->task2), f->r);    /* task2 has slept 1 s of its 2 */
    say("finished");
    GEN_END(g);
}

/* The scenario (examples/scenario.h): main_tasks as a task on the
 * loop, not run yet; `labs play lab04` steps it.  teardown frees main's
 * task and the two it made (what task_run does with its loop). */
static struct task *main_task;

static int setup(struct loop *loop)
{
    return task_create(loop, gen_new("main_tasks", main_tasks_body, sizeof(struct main_frame)),
                       NULL, &main_task);
}

static void teardown(void)
{
    if (main_task) {
        struct main_frame *f = gen_frame(main_task->coro);
        struct task *task1 = f->task1, *task2 = f->task2;
        task_free(main_task);      /* first: it may still await task2 */
        task_free(task1);
        task_free(task2);
    }
    main_task = NULL;
}

EXAMPLE_SCENARIO(say_after, "main awaits two say_after tasks: 2 s in all, not 3", setup, teardown)

#ifndef PLAY_SCENARIO
/* asyncio.run(main()) on a fresh virtual loop */
static bool run(const char *name, gen_body_fn *body)
{
    struct co_value out;
    struct co_exc exc;

    return task_run(gen_new(name, body, sizeof(struct main_frame)), LOOP_CLOCK_VIRTUAL,
                    &out, &exc) == CO_OK;
}

int main(void)
{
    bool ok;

    puts("-- awaited in turn");
    ok = run("main", main_body);
    puts("-- as two tasks");
    ok = run("main_tasks", main_tasks_body) && ok;
    if (!ok)
        fprintf(stderr, "say_after: something failed\n");
    return ok ? 0 : 1;
}
#endif
