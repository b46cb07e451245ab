/*
 * gen_given.c - the part of lab01 that is given: fibo_sm_init, gen_new,
 * gen_frame, gen_state, gen_state_name, gen_next and gen_check.  gen.h is
 * the contract of each.
 *
 * It is compiled into both your build and the reference build, so that
 * the given code exists once: you need not (and must not) copy it into
 * gen.c.
 */
#include "gen.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>

#include "co_invariant.h"

/* ---- Step 1: fibo by hand ------------------------------------------ */

void fibo_sm_init(struct fibo_sm *sm, long long n)
{
    sm->state = FIBO_START;
    sm->n = n;
    sm->a = 0;
    sm->b = 0;
}

/* ---- Step 2: the generator object ---------------------------------- */

/* The frame follows the struct in the same allocation, aligned for
 * anything a frame holds (pointers, long long, double, co_value: 8; not
 * long double, which no lab uses): one malloc per generator, no pointer
 * to find the frame, and the frame dies with the generator.  (Aligning
 * it for max_align_t, 16, would cost 8 bytes of padding after the 104 of
 * struct gen.) */
#define FRAME_ALIGN alignof(struct co_value)
#define FRAME_OFFSET \
    ((sizeof(struct gen) + FRAME_ALIGN - 1) / FRAME_ALIGN * FRAME_ALIGN)

struct gen *gen_new(const char *name, gen_body_fn *body, size_t frame_size)
{
    struct gen *g;

    if (!body)
        return NULL;
    g = calloc(1, FRAME_OFFSET + frame_size);
    if (!g)
        return NULL;
    g->state = GEN_CREATED;
    g->body = body;
    g->name = name ? name : "gen";
    return g;
}

void *gen_frame(struct gen *g)
{
    return (char *)g + FRAME_OFFSET;
}

enum gen_state gen_state(const struct gen *g)
{
    const struct gen *x = g;

    if (g->state != GEN_SUSPENDED || !g->delegate || !g->delegated)
        return g->state;
    /* Every level between a running generator and the innermost one is
     * paused at its yield from, and is running that delegation. */
    while (x->state == GEN_SUSPENDED && x->delegate)
        x = x->delegate;
    return x->state == GEN_RUNNING ? GEN_RUNNING : GEN_SUSPENDED;
}

const char *gen_state_name(enum gen_state state)
{
    switch (state) {
    case GEN_CREATED:   return "GEN_CREATED";
    case GEN_RUNNING:   return "GEN_RUNNING";
    case GEN_SUSPENDED: return "GEN_SUSPENDED";
    case GEN_CLOSED:    return "GEN_CLOSED";
    }
    return "GEN_?";
}

int gen_next(struct gen *g, struct co_value *out, struct co_exc *exc)
{
    return gen_send(g, co_none(), out, exc);
}

/* ---- gen_check: the invariants above struct gen ---------------------- */

const char *gen_check_why(const struct gen *g, char *buf, size_t n)
{
    if (!g)
        return co_broken(buf, n, "the generator is NULL");
    if (!g->body || !g->name)
        return co_broken(buf, n, "%s: body or name is NULL (made by gen_new?)",
                         g->name ? g->name : "gen");
    if (g->state == GEN_CREATED && g->resume_point != 0)
        return co_broken(buf, n, "%s: state GEN_CREATED but resume_point is %d (its body "
                         "has run)", g->name, g->resume_point);
    if (g->state == GEN_SUSPENDED && g->resume_point == 0)
        return co_broken(buf, n, "%s: state GEN_SUSPENDED but resume_point is 0 (it is "
                         "paused at no yield)", g->name);
    if (g->thrown && g->state != GEN_RUNNING)
        return co_broken(buf, n, "%s: thrown is still set in state %s (it must be cleared "
                         "once the resume that delivered it is over)", g->name,
                         gen_state_name(g->state));
    if (g->delegate && g->state == GEN_CREATED)
        return co_broken(buf, n, "%s: a delegate while GEN_CREATED", g->name);
    return NULL;
}

int gen_check(const struct gen *g)
{
    char why[CO_INVARIANT_MAX];

    return gen_check_why(g, why, sizeof why) == NULL;
}
