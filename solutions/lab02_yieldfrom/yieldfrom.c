/*
 * yieldfrom.c - reference solution of lab02: delegation (`yield from`).
 *
 * Three small functions.  yf_collect is the one place that knows how a
 * delegation ends; yf_start and yf_resume only decide what to deliver to
 * the subgenerator.  The common case, a send or next answered by a yield,
 * is one gen_send and three stores: no copy of an exception, no
 * allocation.
 *
 * The shortcut (README, "The shortcut"): while a chain delegates, every
 * level between the outermost generator and the innermost one is paused
 * at its yield from, so a send to the outermost goes straight to the
 * innermost, and a resume costs the same at any depth.  Only the ends of
 * a delegation walk the chain: yf_start and yf_collect forget the
 * outermost's cached innermost generator (gen.h: leaf), and an innermost
 * generator that finishes is collected level by level, upwards, each
 * level resumed at its delegation point as PEP 380 says.  Throws and
 * close take the plain way, level by level, as PEP 380 writes them.
 */
#include "yieldfrom.h"

/* The chain of delegations below g changed: the outermost generator's
 * cached innermost one may be wrong. */
static void yf_forget_leaf(struct gen *g)
{
    while (g->delegated)
        g = g->delegator;
    g->leaf = NULL;
}

/* The delegation is over: g no longer has a subgenerator.  It is CLOSED
 * (or, after an ignored GeneratorExit, SUSPENDED: gen_free closes it
 * again and reports that, as Python's garbage collector would). */
static void yf_drop(struct gen *g)
{
    struct gen *sub = g->delegate;

    g->delegate = NULL;
    sub->delegated = false;
    sub->leaf = NULL;
    yf_forget_leaf(g);
    gen_free(sub);
}

/* The innermost generator of g's chain (g has a delegate), cached in
 * g->leaf; NULL when a level was not taken by this yf_start (then there
 * is no shortcut: each level forwards). */
static struct gen *yf_leaf(struct gen *g)
{
    struct gen *x = g;

    if (g->leaf)
        return g->leaf;
    for (; x->delegate; x = x->delegate)
        if (!x->delegate->delegated || x->delegate->delegator != x)
            return NULL;
    g->leaf = x;
    return x;
}

/* A send or next of the outermost generator g, delivered straight to
 * leaf, the innermost one.  A yield goes straight out.  Anything else
 * ends leaf's delegation: its delegator is resumed at its delegation
 * point with that outcome (as a throw of the exception that ended it: a
 * throw into a finished delegate is how the plain path delivers it too),
 * and so on up the chain until a level yields, or g's own delegation
 * ends. */
static int yf_shortcut(struct gen *g, struct gen *leaf, struct co_value *result)
{
    struct co_value out = co_none();
    struct co_exc exc, ended;
    int r = gen_send(leaf, g->sent, &out, &exc);

    while (r != GEN_YIELDED) {
        struct gen *up = leaf->delegator;

        if (up == g)
            return yf_collect(g, r, out, &exc, result);
        ended = exc;
        r = gen_throw(up, &ended, &out, &exc);
        leaf = up;
    }
    g->value = out;                     /* our caller gets the value */
    return YF_YIELDED;
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
    sub->delegated = true;
    sub->delegator = g;
    yf_forget_leaf(g);
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
        /* The hot path.  The outermost level sends straight to the
         * innermost; a level inside someone else's delegation is only
         * resumed this way if its delegate was resumed from outside.
         * Either way a yield passes straight out. */
        struct gen *leaf = g->delegated ? NULL : yf_leaf(g);

        if (leaf)
            return yf_shortcut(g, leaf, result);
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
