/* run_forever: the tutorial's run_forever example.  run_forever runs
 * until something calls stop; here the task itself does, after its
 * sleep.  A stopped loop could run again; closing it ends it for good.
 * Python twin: run_forever.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "run_forever", loop_time(loop), co_none(), text);
}

/* async def work(loop, t):
 *     print('Start')
 *     await asyncio.sleep(t)
 *     print('after {}s stop'.format(t))
 *     loop.stop()             # stop the loop; it can run again later */
struct work_frame {
    struct loop *loop;
    int t;
    char line[64];
    struct loop_request req;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    say(f->loop, "Start");
    GEN_YIELD(g, loop_sleep(&f->req, f->t));
    snprintf(f->line, sizeof f->line, "after %ds stop", f->t);
    say(f->loop, f->line);
    loop_stop(f->loop);
    GEN_END(g);
}

/* The scenario (scenario.h): asyncio.ensure_future(work(loop, 1)). */
static struct gen *g;
static struct loop_runner task;

static int setup(struct loop *loop)
{
    g = gen_new("work", work_body, sizeof(struct work_frame));
    if (!g)
        return CO_ENOMEM;
    *(struct work_frame *)gen_frame(g) = (struct work_frame){ .loop = loop, .t = 1 };
    return loop_spawn(loop, &task, g, NULL, NULL);
}

static void teardown(void)
{
    gen_free(g);
    g = NULL;
}

EXAMPLE_SCENARIO(run_forever, "a task that stops the loop itself", setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    int r;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);                   /* loop = asyncio.get_event_loop() */
    r = setup(&loop);
    if (r == CO_OK)
        r = loop_run_forever(&loop);                        /* until loop.stop() */
    loop_close(&loop);                                      /* loop.close() */
    printf("closed: %s\n", loop_is_closed(&loop) ? "True" : "False");
    loop_destroy(&loop);
    teardown();
    return r == CO_OK ? 0 : 1;
}
#endif
