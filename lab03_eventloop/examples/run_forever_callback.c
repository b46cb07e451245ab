/* run_forever_callback: the tutorial's second run_forever example.  Two
 * tasks run; a callback called when both are done stops the loop (in
 * asyncio: gather(...).add_done_callback(loop_stop); lab05 builds
 * gather, here each task's done callback counts).  Python twin:
 * run_forever_callback.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "run_forever_callback", loop_time(loop), co_none(), text);
}

/* async def work(t):
 *     print('Start')
 *     await asyncio.sleep(t)
 *     print('after {}s stop'.format(t)) */
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
    GEN_END(g);
}

/* def loop_stop(loop, future):
 *     loop.stop()
 * called by each task when it is done; the last one stops the loop. */
static void loop_stop_when_all_done(struct loop *loop, struct loop_runner *r, void *arg)
{
    int *running = arg;

    (void)r;
    if (--*running == 0)
        loop_stop(loop);
}

/* The scenario (scenario.h): two tasks; the done callback of the last
 * one to finish stops the loop. */
static struct gen *w1, *w2;
static struct loop_runner r1, r2;
static int running;

static int setup(struct loop *loop)
{
    int r;

    w1 = gen_new("work", work_body, sizeof(struct work_frame));
    w2 = gen_new("work", work_body, sizeof(struct work_frame));
    if (!w1 || !w2)
        return CO_ENOMEM;
    *(struct work_frame *)gen_frame(w1) = (struct work_frame){ .loop = loop, .t = 1 };
    *(struct work_frame *)gen_frame(w2) = (struct work_frame){ .loop = loop, .t = 2 };
    running = 2;
    if ((r = loop_spawn(loop, &r1, w1, loop_stop_when_all_done, &running)) != CO_OK)
        return r;
    return loop_spawn(loop, &r2, w2, loop_stop_when_all_done, &running);
}

static void teardown(void)
{
    gen_free(w1);
    gen_free(w2);
    w1 = w2 = NULL;
}

EXAMPLE_SCENARIO(run_forever_callback, "two tasks; the last done callback stops the loop",
                 setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    int ok;
    double start;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    start = loop_time(&loop);
    ok = setup(&loop) == CO_OK && loop_run_forever(&loop) == CO_OK;
    loop_close(&loop);
    printf("elapsed: %.1fs\n", loop_time(&loop) - start);
    loop_destroy(&loop);
    teardown();
    return ok ? 0 : 1;
}
#endif
