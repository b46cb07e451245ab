/* The generators lab02's tests delegate through, and the checks they
 * share.  Each why_*() returns NULL when the check holds, else the message
 * for the student (in a buffer reused by the next call: a failing check
 * stops the test at once, so one is enough). */
#include "lab02_tests.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- trail ------------------------------------------------------------------ */

void trail_add(struct trail *t, const char *fmt, ...)
{
    size_t len, room;
    va_list ap;
    int n;

    if (!t)
        return;
    len = strlen(t->text);
    room = sizeof t->text - len;
    if (room < 2)
        return;                             /* full: already marked as cut */
    if (len > 0) {
        t->text[len++] = ' ';
        t->text[len] = '\0';
        room--;
    }
    va_start(ap, fmt);
    n = vsnprintf(t->text + len, room, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= room && sizeof t->text > 4)
        memcpy(t->text + sizeof t->text - 4, "...", 4);
}

/* ---- sub: the scripted subgenerator ---------------------------------------------- */

struct sub_frame {
    struct sub_script s;     /* a copy: the test's script may be gone */
    int k;                   /* values yielded so far */
    struct co_exc caught;    /* what the last resume threw in, if anything */
};

static enum gen_step sub_body(struct gen *g, void *frame)
{
    struct sub_frame *f = frame;
    char repr[CO_REPR_MAX];
    enum sub_reaction how;

    if (f->s.entered)
        ++*f->s.entered;
    if (f->s.hook)
        f->s.hook(f->s.hook_arg);
    GEN_BEGIN(g);
    trail_add(f->s.trail, "%s starts", f->s.name);
    for (f->k = 0; f->k < f->s.n; f->k++) {
        GEN_TRY_YIELD(g, co_int(f->s.first + f->k), f->caught);
        if (f->caught.kind == CO_EXC_NONE) {
            trail_add(f->s.trail, "%s got %s", f->s.name,
                      co_value_repr(gen_sent(g), repr, sizeof repr));
            continue;
        }
        trail_add(f->s.trail, "%s caught %s", f->s.name,
                  co_exc_kind_name(f->caught.kind));
        how = f->caught.kind == CO_GENERATOR_EXIT ? f->s.on_exit : f->s.on_throw;
        if (how == SUB_RERAISES)
            GEN_RERAISE(g, f->caught);
        if (how == SUB_RETURNS)
            GEN_RETURN(g, co_str("early"));
        if (how == SUB_RAISES_KEY_ERROR)
            GEN_RAISE(g, CO_KEY_ERROR, "raised by %s while handling %s",
                      f->s.name, co_exc_kind_name(f->caught.kind));
        /* SUB_GOES_ON: on to the next value, as if nothing happened */
    }
    if (f->s.raises != CO_EXC_NONE)
        GEN_RAISE(g, f->s.raises, "raised by %s", f->s.name);
    GEN_RETURN(g, f->s.ret);
    GEN_END(g);
}

struct gen *sub_new(const struct sub_script *script)
{
    struct gen *g = gen_new("sub", sub_body, sizeof(struct sub_frame));

    if (g) {
        struct sub_frame *f = gen_frame(g);
        f->s = *script;
        if (!f->s.name)
            f->s.name = "sub";
    }
    return g;
}

/* ---- outer: the delegating generator ------------------------------------------------ */

struct outer_frame {
    struct sub_script script;   /* the sub to make at the delegation point */
    struct gen *given;          /* ...or this one, if use_given */
    bool use_given;             /* delegate to `given`, not to a new sub */
    bool catching;              /* GEN_TRY_YIELD_FROM */
    struct trail *trail;        /* test-owned, may be NULL */
    struct co_value result;     /* the delegation's result */
    struct co_exc caught;       /* what came out of it, with `catching` */
};

/* The subgenerator, made (or handed over) when the delegation starts. */
static struct gen *outer_sub(struct outer_frame *f)
{
    return f->use_given ? f->given : sub_new(&f->script);
}

static enum gen_step outer_body(struct gen *g, void *frame)
{
    struct outer_frame *f = frame;
    char repr[CO_REPR_MAX];

    GEN_BEGIN(g);
    trail_add(f->trail, "outer starts");
    if (f->catching) {
        GEN_TRY_YIELD_FROM(g, outer_sub(f), f->result, f->caught);
        if (f->caught.kind != CO_EXC_NONE) {
            trail_add(f->trail, "outer caught %s", co_exc_kind_name(f->caught.kind));
            if (co_exc_matches(&f->caught, CO_GENERATOR_EXIT))  /* or a subclass */
                GEN_RERAISE(g, f->caught);
            f->result = co_str("caught");
        }
    } else {
        GEN_YIELD_FROM(g, outer_sub(f), f->result);
    }
    trail_add(f->trail, "outer got %s", co_value_repr(f->result, repr, sizeof repr));
    GEN_YIELD(g, co_str("outer goes on"));
    GEN_RETURN(g, f->result);
    GEN_END(g);
}

static struct gen *outer_make(bool catching, struct trail *trail)
{
    struct gen *g = gen_new("outer", outer_body, sizeof(struct outer_frame));

    if (g) {
        struct outer_frame *f = gen_frame(g);
        f->catching = catching;
        f->trail = trail;
    }
    return g;
}

struct gen *outer_new(const struct sub_script *script, bool catching)
{
    struct gen *g = outer_make(catching, script->trail);

    if (g)
        ((struct outer_frame *)gen_frame(g))->script = *script;
    return g;
}

struct gen *outer_of(struct gen *sub, bool catching, struct trail *trail)
{
    struct gen *g = outer_make(catching, trail);

    if (g) {
        struct outer_frame *f = gen_frame(g);
        f->given = sub;
        f->use_given = true;
    }
    return g;
}

void free_mid_delegation(struct gen *g)
{
    struct gen *sub = g->delegate;

    ck_assert_msg(sub && gen_state(g) == GEN_SUSPENDED,
                  "free_mid_delegation: %s is not paused in a delegation", g->name);
    g->delegate = NULL;
    g->state = GEN_CLOSED;      /* as if closed: gen_free does not resume it */
    ck_assert_int_eq(gen_free(sub), CO_OK);
    ck_assert_int_eq(gen_free(g), CO_OK);
}

/* ---- chains ------------------------------------------------------------------------ */

struct level_frame {
    struct chain *c;            /* the test's chain: leaf, counters, trail */
    int k;                      /* this level's number; 0 delegates to the leaf */
    struct co_value result;     /* what the level below returned */
    struct co_exc caught;       /* what came out of the level below */
};

static struct gen *level_new(struct chain *c, int k);

static struct gen *level_below(struct chain *c, int k)
{
    return k > 0 ? level_new(c, k - 1) : sub_new(&c->leaf);
}

static enum gen_step level_body(struct gen *g, void *frame)
{
    struct level_frame *f = frame;

    f->c->entries++;
    GEN_BEGIN(g);
    if (f->k < CHAIN_WATCHED)
        f->c->levels[f->k] = g;
    GEN_TRY_YIELD_FROM(g, level_below(f->c, f->k), f->result, f->caught);
    if (f->caught.kind != CO_EXC_NONE) {
        trail_add(f->c->leaf.trail, "L%d caught %s", f->k,
                  co_exc_kind_name(f->caught.kind));
        if (f->k != f->c->handle_at || f->caught.kind == CO_GENERATOR_EXIT)
            GEN_RERAISE(g, f->caught);
        f->result = co_int(0);                  /* handled here */
    }
    GEN_RETURN(g, co_int(f->result.kind == CO_INT ? f->result.as.i + 1 : 1));
    GEN_END(g);
}

static struct gen *level_new(struct chain *c, int k)
{
    struct gen *g = gen_new("level", level_body, sizeof(struct level_frame));

    if (g) {
        struct level_frame *f = gen_frame(g);
        f->c = c;
        f->k = k;
    }
    return g;
}

struct gen *chain_new(struct chain *c, int depth)
{
    return level_new(c, depth - 1);
}

/* ---- checks ---------------------------------------------------------------------------- */

const char *yf_step_name(int r)
{
    switch (r) {
    case YF_YIELDED:  return "YF_YIELDED";
    case YF_RETURNED: return "YF_RETURNED";
    case YF_RAISED:   return "YF_RAISED";
    }
    return co_errname(r);
}

const char *why_not_code(int got, int want, const char *(*name)(int),
                         const char *situation)
{
    if (got == want)
        return NULL;
    return co_why("%s: expected %s, got %s%s", situation, name(want), name(got),
               todo_hint(got, NULL));
}

const char *why_not_trail(const struct trail *t, const char *want,
                          const char *situation)
{
    if (strcmp(t->text, want) == 0)
        return NULL;
    return co_why("%s: expected the bodies to do \"%s\", but they did \"%s\"",
               situation, want, t->text);
}

const char *why_not_delegate(const struct gen *g, const struct gen *want,
                             const char *situation)
{
    if (g->delegate == want)
        return NULL;
    if (!want)
        return co_why("%s: g->delegate should be NULL (no delegation in progress), "
                   "but it is %p (hint: clear it when the delegation ends)",
                   situation, (void *)g->delegate);
    return co_why("%s: g->delegate should be the subgenerator %p, but it is %p "
               "(hint: the delegator owns its subgenerator from the moment of "
               "delegation)", situation, (const void *)want, (void *)g->delegate);
}
