/*
 * gen.c - reference solution of lab01: generators as state machines.
 *
 * The whole protocol is one function, gen_resume(), that runs the body
 * once and turns what it says (yield, return, raise) into Python's
 * outcome; next, send, throw and close only decide what to deliver.
 * The given functions are in lab01_generators/gen_given.c.
 */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "co_invariant.h"

/* ---- Step 1: fibo by hand ---------------------------------------- */

int fibo_sm_next(struct fibo_sm *sm, long long *out)
{
    long long next;

    if (!sm || !out)
        return CO_EINVAL;
    switch (sm->state) {
    case FIBO_START:
        sm->a = 0;                  /* a, b = 0, 1 */
        sm->b = 1;
        /* the loop test comes next, as in Python: */
        /* fall through */
    case FIBO_YIELDED:
        if (sm->b >= sm->n) {       /* while b < n: ... ended */
            sm->state = FIBO_DONE;
            return 0;
        }
        next = sm->a + sm->b;       /* a, b = b, a + b */
        sm->a = sm->b;
        sm->b = next;
        sm->state = FIBO_YIELDED;   /* resume after the yield next time */
        *out = sm->a;               /* yield a */
        return 1;
    case FIBO_DONE:
        return 0;
    }
    return 0;
}

/* ---- Step 2: the generator object --------------------------------- */

/*
 * Run the body once.  The caller has already stored what to deliver
 * (g->sent, or g->exc with g->thrown).  Control goes into the body and
 * comes back here at its next yield, return or raise.
 */
static inline int gen_resume(struct gen *g, struct co_value *out, struct co_exc *exc)
{
    enum gen_step step;

    g->state = GEN_RUNNING;
    step = g->body(g, gen_frame(g));
    g->thrown = false;               /* whatever was thrown is dealt with */
    g->sent = co_none();

    if (step == GEN_STEP_YIELD) {
        g->state = GEN_SUSPENDED;
        /* Field by field, as the body stored it: one 16-byte load of the
         * two fresh stores could not be forwarded from them and would
         * wait for them to reach the cache (most of a resume's time). */
        out->kind = g->value.kind;
        out->as = g->value.as;
        CO_ASSERT_INVARIANT(gen_check_why, g);   /* the ASan build's check */
        return GEN_YIELDED;
    }
    g->state = GEN_CLOSED;
    CO_ASSERT_INVARIANT(gen_check_why, g);
    if (step == GEN_STEP_RETURN) {
        co_exc_set_stop(exc, g->value);  /* return v == raise StopIteration(v) */
    } else if (co_exc_matches(&g->exc, CO_STOP_ITERATION)) {
        /* PEP 479: a StopIteration escaping the body would look like a
         * normal end to the caller and hide a bug.  It becomes the
         * RuntimeError's __cause__, as in CPython. */
        *exc = co_exc_from(co_exc_make(CO_RUNTIME_ERROR, "generator raised StopIteration"),
                           &g->exc);
    } else {
        *exc = g->exc;
    }
    return GEN_RAISED;
}

/* The exceptions Python raises for a resume that cannot happen. */
static int gen_refuse(const struct gen *g, struct co_exc *exc)
{
    if (gen_state(g) == GEN_RUNNING) {
        *exc = co_exc_make(CO_VALUE_ERROR, "generator already executing");
        return CO_ESTATE;
    }
    *exc = co_exc_stop(co_none());       /* CLOSED: plain StopIteration */
    return CO_EDONE;
}

int gen_send(struct gen *g, struct co_value value, struct co_value *out,
             struct co_exc *exc)
{
    if (!g || !out || !exc)
        return CO_EINVAL;
    if (g->state != GEN_SUSPENDED || (g->delegate && g->delegated)) {
        /* Not the common case (paused at a yield, outside a delegation). */
        enum gen_state s = gen_state(g);
        if (s == GEN_RUNNING || s == GEN_CLOSED)
            return gen_refuse(g, exc);
        if (s == GEN_CREATED && !co_is_none(value)) {
            *exc = co_exc_make(CO_TYPE_ERROR,
                               "can't send non-None value to a just-started generator");
            return CO_EINVAL;
        }
    }
    g->sent = value;
    return gen_resume(g, out, exc);
}

int gen_throw(struct gen *g, const struct co_exc *thrown,
              struct co_value *out, struct co_exc *exc)
{
    if (!g || !thrown || !out || !exc)
        return CO_EINVAL;
    if (thrown->kind == CO_EXC_NONE) {   /* Python: g.throw(None) */
        *exc = co_exc_make(CO_TYPE_ERROR, "exceptions must be classes or instances "
                           "deriving from BaseException, not NoneType");
        return CO_EINVAL;
    }
    if (gen_state(g) == GEN_RUNNING)
        return gen_refuse(g, exc);
    if (g->state == GEN_CLOSED) {
        *exc = *thrown;                  /* Python re-raises it as is */
        return CO_EDONE;
    }
    if (g->state == GEN_CREATED) {
        /* No yield to raise it at: the body never starts, and the
         * exception leaves it at once, so PEP 479 applies here too. */
        g->state = GEN_CLOSED;
        if (co_exc_matches(thrown, CO_STOP_ITERATION))
            *exc = co_exc_from(co_exc_make(CO_RUNTIME_ERROR,
                                           "generator raised StopIteration"), thrown);
        else
            *exc = *thrown;
        return GEN_RAISED;
    }
    g->exc = *thrown;
    g->thrown = true;
    return gen_resume(g, out, exc);
}

int gen_close(struct gen *g, struct co_exc *exc)
{
    struct co_exc ignored, *why = exc ? exc : &ignored;
    struct co_exc got;
    struct co_value out;
    int r;

    if (!g)
        return CO_EINVAL;
    if (gen_state(g) == GEN_RUNNING)
        return gen_refuse(g, why);
    if (g->state != GEN_SUSPENDED) {     /* CREATED or CLOSED */
        g->state = GEN_CLOSED;
        return CO_OK;
    }
    g->exc = co_exc_make(CO_GENERATOR_EXIT, NULL);
    g->thrown = true;
    r = gen_resume(g, &out, &got);
    if (r == GEN_YIELDED) {
        *why = co_exc_make(CO_RUNTIME_ERROR, "generator ignored GeneratorExit");
        return GEN_RAISED;
    }
    if (co_exc_matches(&got, CO_GENERATOR_EXIT)   /* or a subclass of it */
        || co_exc_matches(&got, CO_STOP_ITERATION))
        return CO_OK;                    /* it exited, as asked */
    *why = got;
    return GEN_RAISED;
}

int gen_free(struct gen *g)
{
    struct co_exc why;

    if (!g)
        return CO_OK;
    if (gen_state(g) == GEN_RUNNING)
        return CO_ESTATE;
    if (g->state == GEN_SUSPENDED && gen_close(g, &why) == GEN_RAISED) {
        char text[CO_EXC_FORMAT_MAX];
        fprintf(stderr, "Exception ignored in: <generator %s>: %s\n",
                g->name, co_exc_format(&why, text, sizeof text));
    }
    gen_free(g->delegate);
    free(g);
    return CO_OK;
}

/* ---- Step 3: generators written with the macros ------------------- */

struct fibo_frame {
    long long n, a, b, next;
};

/* Yields the Fibonacci numbers below f->n.  All state in the frame. */
static enum gen_step fibo_body(struct gen *g, void *frame)
{
    struct fibo_frame *f = frame;

    GEN_BEGIN(g);
    f->a = 0;
    f->b = 1;
    while (f->b < f->n) {
        f->next = f->a + f->b;
        f->a = f->b;
        f->b = f->next;
        GEN_YIELD(g, co_int(f->a));
    }
    GEN_END(g);
}

struct gen *fibo_new(long long n)
{
    struct gen *g = gen_new("fibo", fibo_body, sizeof(struct fibo_frame));

    if (g)
        ((struct fibo_frame *)gen_frame(g))->n = n;
    return g;
}

/* Yields i; a caught ValueError counts and yields the last value again. */
static enum gen_step lifecycle_body(struct gen *g, void *frame)
{
    struct lifecycle_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, f->i, f->caught);
        if (f->caught.kind == CO_VALUE_ERROR)
            f->overs++;                       /* except ValueError: */
        else if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);        /* not ours: let it escape */
        else
            f->value = gen_sent(g);           /* value = yield i */
        f->i = f->value;                      /* i = value */
    }
    GEN_END(g);
}

struct gen *lifecycle_new(struct co_value first)
{
    struct gen *g = gen_new("generator", lifecycle_body,
                            sizeof(struct lifecycle_frame));

    if (g)
        ((struct lifecycle_frame *)gen_frame(g))->i = first;
    return g;
}
