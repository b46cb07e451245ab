/* call_soon: the tutorial's call_soon example.  An ordinary function
 * (hello) is queued between generator "tasks" (work); the loop runs them
 * in the order they were queued, then wakes each task when its sleep is
 * over.  Python twin: call_soon.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "call_soon", loop_time(loop), co_none(), text);
}

/* def hello(name):
 *     print('[hello] Hello, {}'.format(name)) */
static void hello(struct loop *loop, void *arg)
{
    char line[64];

    snprintf(line, sizeof line, "[hello] Hello, %s", (const char *)arg);
    say(loop, line);
}

/* async def work(t, name):
 *     print('[work] start', name)
 *     await asyncio.sleep(t)
 *     print('[work] {} after {}s stop'.format(name, t)) */
struct work_frame {
    struct loop *loop;
    int t;
    const char *name;
    char line[64];
    struct loop_request req;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    snprintf(f->line, sizeof f->line, "[work] start %s", f->name);
    say(f->loop, f->line);
    GEN_YIELD(g, loop_sleep(&f->req, f->t));
    snprintf(f->line, sizeof f->line, "[work] %s after %ds stop", f->name, f->t);
    say(f->loop, f->line);
    GEN_END(g);
}

static struct gen *work_new(struct loop *loop, int t, const char *name)
{
    struct gen *g = gen_new(name, work_body, sizeof(struct work_frame));

    if (g)
        *(struct work_frame *)gen_frame(g) =
            (struct work_frame){ .loop = loop, .t = t, .name = name };
    return g;
}

/* run_until_complete(work(3, 'C')): stop the loop when C is done. */
static void stop_loop(struct loop *loop, struct loop_runner *r, void *arg)
{
    (void)r;
    (void)arg;
    loop_stop(loop);
}

/* The scenario (scenario.h): three tasks and hello('Tom') queued between
 * them; run_until_complete(work(3, 'C')) stops the loop when C is done. */
static struct gen *a, *b, *c;
static struct loop_runner ra, rb, rc;

static int setup(struct loop *loop)
{
    struct loop_handle *tom;
    int r;

    a = work_new(loop, 1, "A");
    b = work_new(loop, 2, "B");
    c = work_new(loop, 3, "C");
    if (!a || !b || !c)
        return CO_ENOMEM;
    if ((r = loop_spawn(loop, &ra, a, NULL, NULL)) != CO_OK ||       /* ensure_future(work(1, 'A')) */
        (r = loop_call_soon(loop, hello, "Tom", &tom)) != CO_OK)     /* loop.call_soon(hello, 'Tom') */
        return r;
    tom->name = "hello_tom";                                         /* for `labs play` */
    if ((r = loop_spawn(loop, &rb, b, NULL, NULL)) != CO_OK)         /* loop.create_task(work(2, 'B')) */
        return r;
    return loop_spawn(loop, &rc, c, stop_loop, NULL);                /* run_until_complete(work(3, 'C')) */
}

static void teardown(void)
{
    gen_free(a);
    gen_free(b);
    gen_free(c);
    a = b = c = NULL;
}

EXAMPLE_SCENARIO(call_soon, "three sleeping tasks and a call_soon between them", setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    int ok;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = setup(&loop) == CO_OK && loop_run_forever(&loop) == CO_OK;
    loop_close(&loop);
    loop_destroy(&loop);
    teardown();
    return ok ? 0 : 1;
}
#endif
