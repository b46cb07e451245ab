/*
 * yieldfrom.c - reference solution of lab02: delegation (`yield from`).
 *
 * Three small functions.  yf_collect is the one place that knows how a
 * delegation ends; yf_start and yf_resume only decide what to deliver to
 * the subgenerator.  The common case, a send or next answered by a yield,
 * is one gen_send and three stores per level: no copy of an exception,
 * no allocation.
 */
#include "yieldfrom.h"

/* The delegation is over: g no longer has a subgenerator.  It is CLOSED
 * (or, after an ignored GeneratorExit, SUSPENDED: gen_free closes it
 * again and reports that, as Python's garbage collector would). */
static void yf_drop(struct gen *g)
{
    gen_free(g->delegate);
    g->delegate = NULL;
}

int yf_collect(struct gen *g, int r, struct co_value out,
               const struct co_exc *exc, struct co_value *result)
{
    if (!g || !exc || !result)
        return CO_EINVAL;
    if (!g->delegate)
        return CO_ESTATE;
    if (r == GEN_YIELDED) {
        g->value = out;                 /* our caller gets sub's value */
        return YF_YIELDED;
    }
    /* Anything else ends the delegation: a return (StopIteration), a
     * raise, or a refusal whose *exc is what Python would raise. */
    yf_drop(g);
    if (exc->kind == CO_STOP_ITERATION) {
        *result = exc->value;           /* result = StopIteration.value */
        return YF_RETURNED;
    }
    g->exc = *exc;                      /* raised at the delegation point */
    return YF_RAISED;
}

int yf_start(struct gen *g, struct gen *sub, struct co_value *result)
{
    struct co_value out = co_none();
    struct co_exc exc;
    int r;

    if (!g || !result)
        return CO_EINVAL;
    if (g->delegate)
        return CO_ESTATE;
    if (!sub) {
        g->exc = co_exc_make(CO_TYPE_ERROR,
                             "yield from NULL: no subgenerator (did gen_new fail?)");
        return YF_RAISED;
    }
    if (gen_state(sub) == GEN_RUNNING) {
        /* g itself, or one of the generators resuming g: not ours. */
        g->exc = co_exc_make(CO_VALUE_ERROR, "generator already executing");
        return YF_RAISED;
    }
    g->delegate = sub;                  /* ours from now on */
    /* PEP 380 primes with next(sub).  A CLOSED sub refuses with CO_EDONE
     * and StopIteration(None), so it ends the delegation with None. */
    r = gen_next(sub, &out, &exc);
    return yf_collect(g, r, out, &exc, result);
}

int yf_resume(struct gen *g, struct co_value *result)
{
    struct co_value out = co_none();
    struct co_exc exc;
    int r;

    if (!g || !result)
        return CO_EINVAL;
    if (!g->delegate)
        return CO_ESTATE;
    if (!g->thrown) {
        /* The hot path: forward send/next and pass a yield straight out.
         * Control goes into the subgenerator's body and comes back at
         * its next yield, return or raise. */
        r = gen_send(g->delegate, g->sent, &out, &exc);
        if (r == GEN_YIELDED) {
            g->value = out;
            return YF_YIELDED;
        }
        return yf_collect(g, r, out, &exc, result);
    }
    g->thrown = false;                  /* delivered below, one way or the other */
    if (co_exc_matches(&g->exc, CO_GENERATOR_EXIT)) {   /* or a subclass */
        /* Close sub first (it cleans up, innermost level first), then
         * raise in g whatever that close raised, or the GeneratorExit. */
        if (gen_close(g->delegate, &exc) == GEN_RAISED)
            g->exc = exc;
        yf_drop(g);
        return YF_RAISED;
    }
    r = gen_throw(g->delegate, &g->exc, &out, &exc);
    return yf_collect(g, r, out, &exc, result);
}
