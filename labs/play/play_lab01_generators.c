/*
 * play_lab01_generators.c - lab01's playground: a catalogue of
 * generators to drive by hand.  fibo and lifecycle are the lab's own
 * (your gen.c, or the reference with --ref); the others are written here
 * with the GEN_* macros of gen.h, one per behaviour worth poking at.
 */
#include "play.h"

#include <stdio.h>
#include <string.h>

#include "gen.h"

/* ---- the lab's own ------------------------------------------------------ */

static struct gen *make_fibo(int argc, char **argv, char *err, size_t errn)
{
    long long n;
    struct gen *g;

    if (play_arg_int(argc, argv, 1, 100, &n, err, errn) != 0)
        return NULL;
    g = fibo_new(n);
    if (!g)
        snprintf(err, errn, "fibo_new(%lld) returned NULL: LAB 1.3%s?", n,
                 play_todo_hint("gen.c"));
    return g;
}

static struct gen *make_lifecycle(int argc, char **argv, char *err, size_t errn)
{
    struct co_value first;
    struct gen *g;

    if (play_arg_value(argc, argv, 1, co_str("started"), &first, err, errn) != 0)
        return NULL;
    g = lifecycle_new(first);
    if (!g)
        snprintf(err, errn, "lifecycle_new returned NULL: LAB 1.3%s?", play_todo_hint("gen.c"));
    return g;
}

static void show_lifecycle(struct gen *g)
{
    struct lifecycle_frame *f = gen_frame(g);
    char a[CO_REPR_MAX], e[CO_EXC_FORMAT_MAX];

    printf("      i       %s\n", play_repr(f->i, a, sizeof a));
    printf("      value   %s\n", play_repr(f->value, a, sizeof a));
    printf("      caught  %s\n", f->caught.kind ? co_exc_format(&f->caught, e, sizeof e) : "none");
    printf("      overs   %d   (how many times it printed \"Over\")\n", f->overs);
}

/* except ValueError: print('Over') -- counted in the frame by gen.c */
static void prints_lifecycle(struct gen *g, int *seen)
{
    struct lifecycle_frame *f = gen_frame(g);
    for (; *seen < f->overs; ++*seen)
        play_gen_prints("Over");
}

/* ---- count(n): yields 0 .. n-1, returns 'done' --------------------------- */

struct count_frame {
    long long n, i;
};

static enum gen_step count_body(struct gen *g, void *frame)
{
    struct count_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++)
        GEN_YIELD(g, co_int(f->i));
    GEN_RETURN(g, co_str("done"));
    GEN_END(g);
}

static struct gen *make_count(int argc, char **argv, char *err, size_t errn)
{
    long long n;
    struct gen *g;

    if (play_arg_int(argc, argv, 1, 3, &n, err, errn) != 0)
        return NULL;
    g = play_gen_made(gen_new("count", count_body, sizeof(struct count_frame)), err, errn);
    if (g)
        ((struct count_frame *)gen_frame(g))->n = n;
    return g;
}

static void show_count(struct gen *g)
{
    struct count_frame *f = gen_frame(g);
    printf("      n  %lld\n      i  %lld\n", f->n, f->i);
}

/* ---- my_coro: x = yield 'foo'; y = yield 'bar'; return x + y ------------ */

struct my_coro_frame {
    struct co_value x, y, sum;
    struct co_exc err;
};

static enum gen_step my_coro_body(struct gen *g, void *frame)
{
    struct my_coro_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, co_str("foo"));
    f->x = gen_sent(g);
    GEN_YIELD(g, co_str("bar"));
    f->y = gen_sent(g);
    if (play_add(f->x, f->y, "+", &f->sum, &f->err) != 0)   /* return x + y */
        GEN_RERAISE(g, f->err);
    GEN_RETURN(g, f->sum);
    GEN_END(g);
}

static struct gen *make_my_coro(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("my_coro", my_coro_body, sizeof(struct my_coro_frame)), err, errn);
}

static void show_my_coro(struct gen *g)
{
    struct my_coro_frame *f = gen_frame(g);
    char a[CO_REPR_MAX], b[CO_REPR_MAX];
    printf("      x  %s\n      y  %s\n", play_repr(f->x, a, sizeof a), play_repr(f->y, b, sizeof b));
}

/* ---- averager: a running average of what it is sent ---------------------- */

struct averager_frame {
    struct co_value total;
    long long count;
    struct co_value average;
    struct co_exc err;
};

static enum gen_step averager_body(struct gen *g, void *frame)
{
    struct averager_frame *f = frame;

    GEN_BEGIN(g);
    f->total = co_float(0);
    f->average = co_none();
    for (;;) {
        GEN_YIELD(g, f->average);
        if (play_add(f->total, gen_sent(g), "+=", &f->total, &f->err) != 0)  /* total += term */
            GEN_RERAISE(g, f->err);
        f->count++;
        f->average = co_float(f->total.as.f / (double)f->count);   /* total is a float */
    }
    GEN_END(g);
}

static struct gen *make_averager(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("averager", averager_body, sizeof(struct averager_frame)), err, errn);
}

static void show_averager(struct gen *g)
{
    struct averager_frame *f = gen_frame(g);
    char a[CO_REPR_MAX];
    char t[CO_REPR_MAX];
    printf("      total    %s\n      count    %lld\n      average  %s\n",
           play_repr(f->total, t, sizeof t), f->count, play_repr(f->average, a, sizeof a));
}

/* ---- collector: collects what it is sent until 'CLOSE' ------------------- */

struct collector_frame {
    struct play_list *l;    /* the seed's list */
};

static enum gen_step collector_body(struct gen *g, void *frame)
{
    struct collector_frame *f = frame;

    GEN_BEGIN(g);
    f->l = play_list_new();                 /* l = [] (it lives as long as the engine) */
    if (!f->l)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "the playground ran out of memory");
    for (;;) {
        GEN_YIELD(g, co_none());
        if (gen_sent(g).kind == CO_STR && strcmp(gen_sent(g).as.s, "CLOSE") == 0)
            break;
        if (play_list_append(f->l, gen_sent(g)) != 0)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "the playground's lists hold %d items at most",
                      PLAY_LIST_MAX);
    }
    GEN_RETURN(g, co_ptr(f->l));
    GEN_END(g);
}

static struct gen *make_collector(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("collector", collector_body, sizeof(struct collector_frame)), err, errn);
}

static void show_collector(struct gen *g)
{
    struct collector_frame *f = gen_frame(g);
    char a[CO_REPR_MAX * 4];
    if (f->l)
        printf("      l  %s   (%d items)\n", play_repr(co_ptr(f->l), a, sizeof a), f->l->n);
    else
        printf("      l  (not made yet: the body has not started)\n");
}

/* ---- stubborn: ignores GeneratorExit --------------------------------------- */

struct stubborn_frame {
    struct co_exc caught;
    int refusals;
};

static enum gen_step stubborn_body(struct gen *g, void *frame)
{
    struct stubborn_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_int(f->refusals), f->caught);
        if (f->caught.kind == CO_GENERATOR_EXIT)
            f->refusals++;          /* except GeneratorExit: pass -- and yield again */
        else if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
    }
    GEN_END(g);
}

static struct gen *make_stubborn(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("stubborn", stubborn_body, sizeof(struct stubborn_frame)), err, errn);
}

/* ---- careful: catches ValueError and returns ---------------------------------- */

struct careful_frame {
    struct co_exc caught;
};

static enum gen_step careful_body(struct gen *g, void *frame)
{
    struct careful_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, co_str("ready"), f->caught);
    if (f->caught.kind == CO_VALUE_ERROR)
        GEN_RETURN(g, co_str("handled"));
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    GEN_YIELD(g, co_str("no exception came"));
    GEN_END(g);
}

static struct gen *make_careful(int argc, char **argv, char *err, size_t errn)
{
    (void)argc, (void)argv;
    return play_gen_made(gen_new("careful", careful_body, sizeof(struct careful_frame)), err, errn);
}

static const struct play_gen_kind catalogue[] = {
    { .name = "fibo", .args = "[N=100]", .about = "the seed's fibo(n), written by you (fibo_new)",
      .python = "def fibo(n):\n    a, b = 0, 1\n    while b < n:\n        a, b = b, a + b\n"
                "        yield a",
      .make = make_fibo,
      .tries = "new fibo 10; next; next; drain; next" },
    { .name = "lifecycle", .args = "[FIRST='started']",
      .about = "the seed's send/throw generator (lifecycle_new)",
      .python = "def generator(first):\n    i = first\n    value = None\n    while True:\n"
                "        try:\n            value = yield i\n        except ValueError:\n"
                "            print('Over')\n        i = value",
      .make = make_lifecycle, .show_frame = show_lifecycle, .prints = prints_lifecycle,
      .tries = "new lifecycle; next; send 'hi'; throw ValueError; throw KeyError('k'); next"
               "| new lifecycle; next; throw ValueError"
               "| new lifecycle 'x'; throw StopIteration"
               "| new lifecycle; throw ValueError('early'); next"
               "| new lifecycle; send 'x'"
               "| new lifecycle 5; next; close; next; close" },
    { .name = "count", .args = "[N=3]", .about = "yields 0 .. N-1, then returns 'done'",
      .python = "def count(n):\n    for i in range(n):\n        yield i\n    return 'done'",
      .make = make_count, .show_frame = show_count,
      .tries = "new count; drain"
               "| new count 2; next; next; next; next"
               "| new count; throw StopIteration(5)"
               "| new count; next; throw StopIteration" },
    { .name = "my_coro", .args = "", .about = "x = yield 'foo'; y = yield 'bar'; return x + y",
      .python = "def my_coro():\n    x = yield 'foo'\n    y = yield 'bar'\n    return x + y",
      .make = make_my_coro, .show_frame = show_my_coro,
      .tries = "new my_coro; next; send 'a'; send 'b'"
               "| new my_coro; next; send 'a'; send 2"
               "| new my_coro; next; send 2; send 'a'"
               "| new my_coro; next; send 1; send 2.5"
               "| new my_coro; next; next; next"
               "| new my_coro; next; send [1, 2]; send [3]"
               "| new my_coro; next; send [1]; send 'x'" },
    { .name = "averager", .args = "", .about = "send numbers, get the running average",
      .python = "def averager():\n    total, count, average = 0.0, 0, None\n    while True:\n"
                "        term = yield average\n        total += term\n        count += 1\n"
                "        average = total / count",
      .make = make_averager, .show_frame = show_averager,
      .tries = "new averager; next; send 10; send 20; send 0.5"
               "| new averager; next; send 1; send 0; send 0"
               "| new averager; next; send 'x'"
               "| new averager; next; send None" },
    { .name = "collector", .args = "", .about = "collects what it is sent; send 'CLOSE' to get the list",
      .python = "def collector():\n    l = []\n    while True:\n        value = yield\n"
                "        if value == 'CLOSE':\n            break\n        l.append(value)\n"
                "    return l",
      .make = make_collector, .show_frame = show_collector,
      .tries = "new collector; next; send 1; send 'b'; send 'CLOSE'"
               "| new collector; next; send [1,2]; send 2.5; send None; send 'CLOSE'" },
    { .name = "stubborn", .args = "", .about = "ignores GeneratorExit: close() becomes RuntimeError",
      .python = "def stubborn():\n    refusals = 0\n    while True:\n        try:\n"
                "            yield refusals\n        except GeneratorExit:\n            refusals += 1",
      .make = make_stubborn,
      .tries = "new stubborn; next; close; next; close; throw ValueError; next" },
    { .name = "careful", .args = "", .about = "catches a thrown ValueError and returns 'handled'",
      .python = "def careful():\n    try:\n        yield 'ready'\n    except ValueError:\n"
                "        return 'handled'\n    yield 'no exception came'",
      .make = make_careful,
      .tries = "new careful; next; throw ValueError"
               "| new careful; next; next; next"
               "| new careful; next; throw KeyError('x')"
               "| new careful; throw ValueError" },
};

static void intro_head(void)
{
    printf("%slab01 playground%s: make a generator, then drive it by hand.  Each step shows\n"
           "the Python line, the C call, and the state before %s inside the body %s after.\n",
           play_c(P_BOLD), play_c(P_OFF), play_arrow(), play_arrow());
    printf("Try:  new fibo 10   next   next   state   new lifecycle   next   send 'hi'   "
           "throw ValueError   close\n");
}

PLAY_GEN_LAB("lab01_generators playground: generators by hand", catalogue, intro_head);
