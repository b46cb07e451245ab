/* chain: itertools.chain rebuilt twice, first with nested loops, then with
 * delegation (GEN_YIELD_FROM), which replaces the inner loop.
 * Python twin: chain.py (the seed's set {'one', 'two'} is a list there and
 * here, so that the order is fixed).
 *
 * Python's `for i in iter_obj` and `yield from iter_obj` both start by
 * calling iter() on a list.  C has no iter(), so list_iter() makes a small
 * generator over an array: that is all a list iterator is. */
#include <stdio.h>

#include "gen.h"
#include "yieldfrom.h"

struct list {
    const char *const *items;
    int n;
};

/* iter(list): yields each item, then returns None. */
struct list_iter_frame {
    const struct list *l;
    int i;
};

static enum gen_step list_iter_body(struct gen *g, void *frame)
{
    struct list_iter_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < f->l->n; f->i++)
        GEN_YIELD(g, co_str(f->l->items[f->i]));
    GEN_END(g);
}

static struct gen *list_iter(const struct list *l)
{
    struct gen *g = gen_new("list_iterator", list_iter_body, sizeof(struct list_iter_frame));

    if (g)
        ((struct list_iter_frame *)gen_frame(g))->l = l;
    return g;
}

/* chain_yield(*args) and chain_yield_from(*args) share their frame. */
struct chain_frame {
    const struct list *const *args;
    int n, k;
    struct gen *it;           /* chain_yield: the inner loop's iterator */
    struct co_value item;     /* chain_yield: its current item */
    struct co_exc caught;     /* chain_yield: what a resume threw in */
    struct co_value result;   /* chain_yield_from: the (unused) result */
};

/*
 *     for iter_obj in args:
 *         for i in iter_obj:
 *             yield i
 * The inner `for` is next() until StopIteration, written out.  This body
 * holds the iterator itself, so it must free it on every way out,
 * including the GeneratorExit of an early close: a `finally:` by hand.
 */
static enum gen_step chain_yield_body(struct gen *g, void *frame)
{
    struct chain_frame *f = frame;
    struct co_exc exc;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->n; f->k++) {
        f->it = list_iter(f->args[f->k]);
        if (!f->it)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "out of memory");
        while (gen_next(f->it, &f->item, &exc) == GEN_YIELDED) {
            GEN_TRY_YIELD(g, f->item, f->caught);
            if (f->caught.kind != CO_EXC_NONE) {
                gen_free(f->it);
                GEN_RERAISE(g, f->caught);
            }
        }
        gen_free(f->it);
    }
    GEN_END(g);
}

/*
 *     for iter_obj in args:
 *         yield from iter_obj
 * The delegation owns the iterator, frees it when it ends, and closes it
 * if this generator is closed first.
 */
static enum gen_step chain_yield_from_body(struct gen *g, void *frame)
{
    struct chain_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->n; f->k++)
        GEN_YIELD_FROM(g, list_iter(f->args[f->k]), f->result);
    GEN_END(g);
}

static struct gen *chain_new(const char *name, gen_body_fn *body,
                             const struct list *const *args, int n)
{
    struct gen *g = gen_new(name, body, sizeof(struct chain_frame));

    if (g) {
        struct chain_frame *f = gen_frame(g);
        f->args = args;
        f->n = n;
    }
    return g;
}

/* ' '.join(g): print every value of g, then free it. */
static void print_joined(const char *label, struct gen *g)
{
    struct co_value out;
    struct co_exc exc;

    printf("%s", label);
    while (gen_next(g, &out, &exc) == GEN_YIELDED)
        printf(" %s", out.as.s);
    printf("\n");
    gen_free(g);
}

int main(void)
{
    static const char *const word_items[] = { "one", "two" };
    static const char *const letter_items[] = { "a", "c", "e" };
    static const struct list words = { word_items, 2 };
    static const struct list letters = { letter_items, 3 };
    static const struct list *const args[] = { &words, &letters };
    struct co_value out;
    struct co_exc exc;
    struct gen *c;

    c = chain_new("chain_yield", chain_yield_body, args, 2);
    if (!c)
        return 1;
    print_joined("chain_yield (nested loops):   ", c);
    c = chain_new("chain_yield_from", chain_yield_from_body, args, 2);
    if (!c)
        return 1;
    print_joined("chain_yield_from (delegation):", c);

    /* Stopped half-way: closing the chain closes the iterator it
     * delegates to (valgrind checks that it is freed too). */
    c = chain_new("chain_yield_from", chain_yield_from_body, args, 2);
    if (!c)
        return 1;
    printf("first three:");
    for (int k = 0; k < 3; k++)
        if (gen_next(c, &out, &exc) == GEN_YIELDED)
            printf(" %s", out.as.s);
    printf("\n");
    gen_close(c, NULL);
    printf("then close(): %s\n", gen_state_name(gen_state(c)));
    gen_free(c);
    return 0;
}
