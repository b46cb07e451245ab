/* io_switch: the tutorial's goal, "switch automatically when a task
 * waits for I/O".  The two tasks of round_robin now *wait* (sleep 1 s)
 * instead of switching by hand; the loop runs the other one meanwhile,
 * so both finish after one second, not two.  Python twin: io_switch.py
 * (asyncio on a virtual clock, see virtual_clock.py). */
#include <stdio.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

/* Print text stamped with the loop's (virtual) time. */
static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "io_switch", loop_time(loop), co_none(), text);
}

/* async def task(first, second):
 *     say(first)
 *     await asyncio.sleep(1)    # I/O: the loop runs someone else
 *     say(second)                                                  */
struct task_frame {
    struct loop *loop;
    const char *first, *second;
    struct loop_request req;      /* what we ask the loop for */
};

static enum gen_step task_body(struct gen *g, void *frame)
{
    struct task_frame *f = frame;

    GEN_BEGIN(g);
    say(f->loop, f->first);
    GEN_YIELD(g, loop_sleep(&f->req, 1.0));
    say(f->loop, f->second);
    GEN_END(g);
}

static struct gen *task_new(struct loop *loop, const char *first, const char *second)
{
    struct gen *g = gen_new("task", task_body, sizeof(struct task_frame));

    if (g)
        *(struct task_frame *)gen_frame(g) =
            (struct task_frame){ .loop = loop, .first = first, .second = second };
    return g;
}

/* The scenario (scenario.h): the two tasks, spawned. */
static struct gen *t1, *t2;
static struct loop_runner r1, r2;

static int setup(struct loop *loop)
{
    int r;

    t1 = task_new(loop, "1", "2");
    t2 = task_new(loop, "3", "4");
    if (!t1 || !t2)
        return CO_ENOMEM;
    if ((r = loop_spawn(loop, &r1, t1, NULL, NULL)) != CO_OK)
        return r;
    return loop_spawn(loop, &r2, t2, NULL, NULL);
}

static void teardown(void)
{
    gen_free(t1);
    gen_free(t2);
    t1 = t2 = NULL;
}

EXAMPLE_SCENARIO(io_switch, "two tasks sleeping 1 s each: 1 s in all, not 2", setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    if (setup(&loop) != CO_OK)
        return 1;
    loop_run_forever(&loop);          /* returns when nothing is left */
    say(&loop, "both done: one second, not two");
    loop_destroy(&loop);
    teardown();
    return 0;
}
#endif
