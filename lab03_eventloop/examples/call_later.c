/* call_later: the tutorial's Tom / Kitty / Jerry example.  Timers count
 * from when they are scheduled: Jerry (1 s, scheduled before the loop
 * started) is due together with task A's wake-up (A went to sleep in the
 * loop's first iteration) and fires first, being scheduled first; Tom
 * (1.2 s) comes next.
 * Python twin: call_later.py (asyncio on a virtual clock).
 * call_at.c is this file again with CALL_AT defined: the same timers at
 * absolute times, loop_call_at(start + delay) (see schedule below). */
#include <stdio.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

#ifdef CALL_AT
#define EXAMPLE_NAME "call_at"
#else
#define EXAMPLE_NAME "call_later"
#endif

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, EXAMPLE_NAME, loop_time(loop), co_none(), text);
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
 *     print('[work {}] start'.format(name))
 *     await asyncio.sleep(t)
 *     print('[work {}] stop'.format(name)) */
struct work_frame {
    struct loop *loop;
    double t;
    const char *name;
    char line[64];
    struct loop_request req;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    snprintf(f->line, sizeof f->line, "[work %s] start", f->name);
    say(f->loop, f->line);
    GEN_YIELD(g, loop_sleep(&f->req, f->t));
    snprintf(f->line, sizeof f->line, "[work %s] stop", f->name);
    say(f->loop, f->line);
    GEN_END(g);
}

static struct gen *work_new(struct loop *loop, double t, const char *name)
{
    struct gen *g = gen_new(name, work_body, sizeof(struct work_frame));

    if (g)
        *(struct work_frame *)gen_frame(g) =
            (struct work_frame){ .loop = loop, .t = t, .name = name };
    return g;
}

/* run_until_complete(task4): stop the loop when B is done. */
static void stop_loop(struct loop *loop, struct loop_runner *r, void *arg)
{
    (void)r;
    (void)arg;
    loop_stop(loop);
}

/* The scenario (scenario.h): A and B sleep; Tom and Jerry are timers,
 * Kitty is queued; run_until_complete(task4) stops the loop when B is done. */
static struct gen *a, *b;
static struct loop_runner ra, rb;

/* loop.call_later(delay, fn, arg); in call_at.c loop.call_at(start +
 * delay, fn, arg), start being loop.time() when setup began. */
static int schedule(struct loop *loop, double start, double delay, loop_callback_fn *fn,
                    void *arg, struct loop_handle **h)
{
#ifdef CALL_AT
    return loop_call_at(loop, start + delay, fn, arg, h);
#else
    (void)start;
    return loop_call_later(loop, delay, fn, arg, h);
#endif
}

static int setup(struct loop *loop)
{
    double start = loop_time(loop);                                 /* start = loop.time() */
    struct loop_handle *tom, *kitty, *jerry;
    int r;

    a = work_new(loop, 1, "A");
    b = work_new(loop, 2, "B");
    if (!a || !b)
        return CO_ENOMEM;
    if ((r = loop_spawn(loop, &ra, a, NULL, NULL)) != CO_OK ||         /* ensure_future(work(1, 'A')) */
        (r = schedule(loop, start, 1.2, hello, "Tom", &tom)) != CO_OK ||
        (r = loop_call_soon(loop, hello, "Kitty", &kitty)) != CO_OK ||
        (r = loop_spawn(loop, &rb, b, stop_loop, NULL)) != CO_OK ||    /* task4 = create_task(work(2, 'B')) */
        (r = schedule(loop, start, 1, hello, "Jerry", &jerry)) != CO_OK)
        return r;
    tom->name = "hello_tom";                                           /* for `labs play` */
    kitty->name = "hello_kitty";
    jerry->name = "hello_jerry";
    return CO_OK;
}

static void teardown(void)
{
    gen_free(a);
    gen_free(b);
    a = b = NULL;
}

#ifndef CALL_AT
EXAMPLE_SCENARIO(call_later, "Tom, Kitty, Jerry: timers count from when they are scheduled", setup, teardown)
#endif

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    int ok;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = setup(&loop) == CO_OK && loop_run_forever(&loop) == CO_OK;   /* run_until_complete(task4) */
    loop_close(&loop);
    loop_destroy(&loop);
    teardown();
    return ok ? 0 : 1;
}
#endif
