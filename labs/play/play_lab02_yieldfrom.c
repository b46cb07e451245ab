/*
 * play_lab02_yieldfrom.c - lab02's playground: delegation by hand.
 *
 * Every generator here delegates with GEN_YIELD_FROM / GEN_TRY_YIELD_FROM
 * (yieldfrom.h), so each resume goes through your yf_start / yf_resume
 * (or the reference with --ref).  `state` shows the chain of delegates.
 */
#include "play.h"

#include <stdio.h>
#include <string.h>

#include "gen.h"
#include "yieldfrom.h"

static long long as_int(struct co_value v)
{
    if (v.kind == CO_INT)
        return v.as.i;
    if (v.kind == CO_FLOAT)
        return (long long)v.as.f;
    return 0;                      /* None (and anything else) counts as 0 */
}

/* ---- inner: x = yield 1; y = yield 2; return (x or 0) + (y or 0) ------------- */

struct inner_frame {
    struct co_value x, y, sum;
    struct co_exc err;
};

static struct co_value or_0(struct co_value v)
{
    return play_truthy(v) ? v : co_int(0);
}

static enum gen_step inner_body(struct gen *g, void *frame)
{
    struct inner_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, co_int(1));
    f->x = or_0(gen_sent(g));
    GEN_YIELD(g, co_int(2));
    f->y = or_0(gen_sent(g));
    if (play_add(f->x, f->y, "+", &f->sum, &f->err) != 0)
        GEN_RERAISE(g, f->err);
    GEN_RETURN(g, f->sum);
    GEN_END(g);
}

static struct gen *inner_new(void)
{
    return gen_new("inner", inner_body, sizeof(struct inner_frame));
}

/* ---- outer: r = yield from inner(); return r * 2 ------------------------------ */

struct outer_frame {
    struct co_value r, twice;
    struct co_exc err;
};

static enum gen_step outer_body(struct gen *g, void *frame)
{
    struct outer_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD_FROM(g, inner_new(), f->r);
    if (play_mul(f->r, co_int(2), &f->twice, &f->err) != 0)
        GEN_RERAISE(g, f->err);
    GEN_RETURN(g, f->twice);
    GEN_END(g);
}

static void show_outer(struct gen *g)
{
    struct outer_frame *f = gen_frame(g);
    char a[CO_REPR_MAX];
    printf("      r  %s   (the value of `yield from inner()`, once it returned)\n",
           play_repr(f->r, a, sizeof a));
}

/* ---- count(n), and chain(n, m) = yield from count(n); yield from count(m) ---- */

struct count_frame {
    long long n, i;
};

static enum gen_step count_body(struct gen *g, void *frame)
{
    struct count_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++)
        GEN_YIELD(g, co_int(f->i));
    GEN_RETURN(g, co_int(f->n));
    GEN_END(g);
}

static struct gen *count_new(long long n)
{
    struct gen *g = gen_new("count", count_body, sizeof(struct count_frame));
    if (g)
        ((struct count_frame *)gen_frame(g))->n = n;
    return g;
}

struct chain_frame {
    long long n, m;
    struct co_value r1, r2;
};

static enum gen_step chain_body(struct gen *g, void *frame)
{
    struct chain_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD_FROM(g, count_new(f->n), f->r1);
    GEN_YIELD_FROM(g, count_new(f->m), f->r2);
    GEN_RETURN(g, co_int(as_int(f->r1) + as_int(f->r2)));
    GEN_END(g);
}

static void show_chain(struct gen *g)
{
    struct chain_frame *f = gen_frame(g);
    char a[CO_REPR_MAX], b[CO_REPR_MAX];
    printf("      n %lld, m %lld\n      r1 %s   r2 %s\n", f->n, f->m, play_repr(f->r1, a, sizeof a),
           play_repr(f->r2, b, sizeof b));
}

/* ---- tree(d): delegation d levels deep ------------------------------------------ */

struct tree_frame {
    long long depth;
    struct co_value below;
    char label[32];
};

static struct gen *tree_new(long long depth);

static enum gen_step tree_body(struct gen *g, void *frame)
{
    struct tree_frame *f = frame;

    GEN_BEGIN(g);
    if (f->depth <= 0) {
        GEN_YIELD(g, co_str("leaf"));
        GEN_RETURN(g, co_int(1));
    }
    GEN_YIELD_FROM(g, tree_new(f->depth - 1), f->below);
    snprintf(f->label, sizeof f->label, "level %lld", f->depth);
    GEN_YIELD(g, co_str(f->label));
    GEN_RETURN(g, co_int(as_int(f->below) + 1));
    GEN_END(g);
}

static struct gen *tree_new(long long depth)
{
    struct gen *g = gen_new("tree", tree_body, sizeof(struct tree_frame));
    if (g)
        ((struct tree_frame *)gen_frame(g))->depth = depth;
    return g;
}

/* ---- catcher: catches what the subgenerator raises ------------------------------ */

struct raiser_frame {
    int unused;
};

static enum gen_step raiser_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_str("about to fail"));
    GEN_RAISE(g, CO_VALUE_ERROR, "bad input");
    GEN_END(g);
}

struct catcher_frame {
    struct co_value r;
    struct co_exc caught;
    char msg[160];
};

static enum gen_step catcher_body(struct gen *g, void *frame)
{
    struct catcher_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD_FROM(g, gen_new("raiser", raiser_body, sizeof(struct raiser_frame)), f->r,
                       f->caught);
    if (f->caught.kind == CO_VALUE_ERROR) {
        snprintf(f->msg, sizeof f->msg, "caught ValueError: %s", f->caught.msg);
        GEN_YIELD(g, co_str(f->msg));
        GEN_RETURN(g, co_str("recovered"));
    }
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

/* ---- stubborn_outer: delegates to a generator that ignores GeneratorExit --------- */

struct stubborn_frame {
    struct co_exc caught;
};

static enum gen_step stubborn_body(struct gen *g, void *frame)
{
    struct stubborn_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_str("still here"), f->caught);
        if (f->caught.kind != CO_EXC_NONE && f->caught.kind != CO_GENERATOR_EXIT)
            GEN_RERAISE(g, f->caught);
    }
    GEN_END(g);
}

struct delegator_frame {
    struct co_value r;
};

static enum gen_step stubborn_outer_body(struct gen *g, void *frame)
{
    struct delegator_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD_FROM(g, gen_new("stubborn", stubborn_body, sizeof(struct stubborn_frame)), f->r);
    GEN_END(g);
}

/* ---- makers ------------------------------------------------------------------------ */

static struct gen *make_outer(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("outer", outer_body, sizeof(struct outer_frame)), err, errn);
}

static struct gen *make_chain(int argc, char **argv, char *err, size_t errn)
{
    long long n, m;
    if (play_arg_int(argc, argv, 1, 2, &n, err, errn) != 0 ||
        play_arg_int(argc, argv, 2, 3, &m, err, errn) != 0)
        return NULL;
    struct gen *g = play_gen_made(gen_new("chain", chain_body, sizeof(struct chain_frame)), err, errn);
    if (g) {
        struct chain_frame *f = gen_frame(g);
        f->n = n;
        f->m = m;
    }
    return g;
}

static struct gen *make_tree(int argc, char **argv, char *err, size_t errn)
{
    long long d;
    if (play_arg_int(argc, argv, 1, 3, &d, err, errn) != 0)
        return NULL;
    if (d < 0 || d > 1000) {
        snprintf(err, errn, "a depth from 0 to 1000, please");
        return NULL;
    }
    return play_gen_made(tree_new(d), err, errn);
}

static struct gen *make_catcher(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("catcher", catcher_body, sizeof(struct catcher_frame)), err, errn);
}

static struct gen *make_stubborn_outer(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("stubborn_outer", stubborn_outer_body,
                              sizeof(struct delegator_frame)), err, errn);
}

static const struct play_gen_kind catalogue[] = {
    { .name = "outer", .args = "", .about = "r = yield from inner(); return r * 2 (send two numbers)",
      .python = "def inner():\n    x = yield 1\n    y = yield 2\n    return (x or 0) + (y or 0)\n\n"
                "def outer():\n    r = yield from inner()\n    return r * 2",
      .make = make_outer, .show_frame = show_outer,
      .tries = "new outer; next; send 1.5; send 2"
               "| new outer; next; send 0.5; send 0.25"
               "| new outer; next; send 'a'; send 2"
               "| new outer; next; send 'a'; send 'b'"
               "| new outer; next; send 10; send 20"
               "| new outer; next; next; next"
               "| new outer; next; throw ValueError('no'); next" },
    { .name = "chain", .args = "[N=2] [M=3]", .about = "yield from count(N); yield from count(M)",
      .python = "def count(n):\n    for i in range(n):\n        yield i\n    return n\n\n"
                "def chain(n, m):\n    r1 = yield from count(n)\n    r2 = yield from count(m)\n"
                "    return r1 + r2",
      .make = make_chain, .show_frame = show_chain,
      .tries = "new chain; drain"
               "| new chain 1 1; next; next; next"
               "| new chain 2 0; next; close; next" },
    { .name = "tree", .args = "[DEPTH=3]", .about = "delegation DEPTH levels deep: a leaf, then each level",
      .python = "def tree(depth):\n    if depth == 0:\n        yield 'leaf'\n        return 1\n"
                "    below = yield from tree(depth - 1)\n    yield f'level {depth}'\n    return below + 1",
      .make = make_tree,
      .tries = "new tree; drain"
               "| new tree 0; next; next"
               "| new tree 2; next; next; next; next" },
    { .name = "catcher", .args = "", .about = "catches the ValueError its subgenerator raises",
      .python = "def raiser():\n    yield 'about to fail'\n    raise ValueError('bad input')\n\n"
                "def catcher():\n    try:\n        r = yield from raiser()\n    except ValueError as e:\n"
                "        yield f'caught ValueError: {e}'\n        return 'recovered'\n    return r",
      .make = make_catcher,
      .tries = "new catcher; next; next; next"
               "| new catcher; next; throw KeyError('k')" },
    { .name = "stubborn_outer", .args = "", .about = "delegates to a generator that ignores GeneratorExit",
      .python = "def stubborn():\n    while True:\n        try:\n            yield 'still here'\n"
                "        except GeneratorExit:\n            pass\n\ndef stubborn_outer():\n"
                "    yield from stubborn()",
      .make = make_stubborn_outer,
      .tries = "new stubborn_outer; next; close; next" },
};

static void intro_head(void)
{
    printf("%slab02 playground%s: generators that delegate with `yield from`.  Each resume\n"
           "goes through yf_start / yf_resume; `state` shows the chain of delegates.\n",
           play_c(P_BOLD), play_c(P_OFF));
    printf("Try:  new outer   next   send 10   send 20      new tree 3   drain      "
           "new catcher   next   next\n");
}

PLAY_GEN_LAB("lab02_yieldfrom playground: delegation by hand", catalogue, intro_head);
