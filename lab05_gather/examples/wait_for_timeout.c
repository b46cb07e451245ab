/* wait_for_timeout: wait_for(wait(t), 2) for t = 1 and t = 3.  In time,
 * it gives the result; too late, it cancels the inner task, waits until
 * it has finished cancelling, and only then raises TimeoutError.
 * Python twin: wait_for_timeout.py. */
#include "example.h"

struct wait_frame {
    long long t;
    struct co_value slept;
    struct co_exc caught;
};

static enum gen_step wait_body(struct gen *g, void *frame)
{
    struct wait_frame *f = frame;

    GEN_BEGIN(g);
    say("wait(%lld) starts", f->t);
    TASK_TRY_AWAIT_GEN(g, task_sleep((double)f->t, co_none()), f->slept, f->caught);
    if (f->caught.kind != CO_EXC_NONE) {
        say("wait(%lld) is cancelled", f->t);
        GEN_RERAISE(g, f->caught);
    }
    GEN_RETURN(g, co_int(f->t));
    GEN_END(g);
}

struct main_frame {
    long long t;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct gen *w;

    GEN_BEGIN(g);
    for (f->t = 1; f->t <= 3; f->t += 2) {
        w = gen_new("wait", wait_body, sizeof(struct wait_frame));
        ((struct wait_frame *)gen_frame(w))->t = f->t;
        TASK_TRY_AWAIT_GEN(g, wait_for_new(AW_CORO(w), 2), f->r, f->caught);
        if (f->caught.kind == CO_EXC_NONE)
            say("wait_for(wait(%lld), 2) gives %lld", f->t, f->r.as.i);
        else if (co_exc_is(&f->caught, CO_TIMEOUT_ERROR))
            say("wait_for(wait(%lld), 2) raised TimeoutError", f->t);
        else
            GEN_RERAISE(g, f->caught);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

EXAMPLE_MAIN(wait_for_timeout, "wait_for(wait(t), 2): in time, then too late (TimeoutError)",
             main_body, struct main_frame, (void)0)
