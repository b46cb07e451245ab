/* doubling: the seed's gen/subgen.  Python twin: doubling.py, which says
 * what the seed gets wrong: its last g.send(None) makes subgen compute
 * None * 2, a TypeError that comes out of subgen, through gen, to the
 * caller.  Part 1 is what CPython really does; parts 2 and 3 are two ways
 * to write what the seed meant. */
#include <stdio.h>

#include "gen.h"
#include "yieldfrom.h"

/* def gen(): result = yield from SUB(); return result
 * One body for both gen() and gen_total(): the frame says which SUB. */
struct gen_frame {
    gen_body_fn *sub;          /* SUB's body... */
    size_t sub_frame;          /* ...and the size of its frame */
    struct co_value result;
};

static enum gen_step gen_body(struct gen *g, void *frame)
{
    struct gen_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD_FROM(g, gen_new("subgen", f->sub, f->sub_frame), f->result);
    GEN_RETURN(g, f->result);
    GEN_END(g);
}

static struct gen *gen_of(gen_body_fn *sub, size_t sub_frame)
{
    struct gen *g = gen_new("gen", gen_body, sizeof(struct gen_frame));

    if (g) {
        struct gen_frame *f = gen_frame(g);
        f->sub = sub;
        f->sub_frame = sub_frame;
    }
    return g;
}

/* def subgen():
 *     try:
 *         while True:
 *             newval = (yield) * 2
 *             print("Received:", newval)
 *     except GeneratorExit:
 *         print("Subgenerator done")
 * Its frame is just the exception caught at the yield. */
static enum gen_step subgen_body(struct gen *g, void *frame)
{
    struct co_exc *caught = frame;
    struct co_value value;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_none(), *caught);
        if (caught->kind == CO_GENERATOR_EXIT) {
            puts("Subgenerator done");
            GEN_RETURN(g, co_none());          /* falls off the end: returns None */
        }
        if (caught->kind != CO_EXC_NONE)
            GEN_RERAISE(g, *caught);
        value = gen_sent(g);
        if (value.kind != CO_INT)               /* None * 2 */
            GEN_RAISE(g, CO_TYPE_ERROR, "unsupported operand type(s) for *: '%s' and 'int'",
                      value.kind == CO_NONE ? "NoneType" : co_kind_name(value.kind));
        printf("Received: %lld\n", value.as.i * 2);
    }
    GEN_END(g);
}

/* def subgen_total(): doubles what it is sent, returns the total on None. */
struct total_frame {
    long long total;
};

static enum gen_step subgen_total_body(struct gen *g, void *frame)
{
    struct total_frame *f = frame;
    struct co_value value;

    GEN_BEGIN(g);
    for (;;) {
        GEN_YIELD(g, co_none());                /* value = yield */
        value = gen_sent(g);
        if (co_is_none(value))
            GEN_RETURN(g, co_int(f->total));    /* return total */
        printf("Received: %lld\n", value.as.i * 2);
        f->total += value.as.i * 2;
    }
    GEN_END(g);
}

/* g = GEN(); next(g); g.send(10); g.send(20) */
static struct gen *started(gen_body_fn *sub, size_t sub_frame)
{
    struct gen *g = gen_of(sub, sub_frame);
    struct co_value out;
    struct co_exc exc;

    if (!g)
        return NULL;
    gen_next(g, &out, &exc);                    /* primes gen, and through it subgen */
    gen_send(g, co_int(10), &out, &exc);        /* goes straight to subgen */
    gen_send(g, co_int(20), &out, &exc);
    return g;
}

int main(void)
{
    struct co_value out;
    struct co_exc exc;
    char text[CO_EXC_FORMAT_MAX];
    struct gen *g;

    puts("-- the seed, as CPython runs it");
    if (!(g = started(subgen_body, sizeof(struct co_exc))))
        return 1;
    if (gen_send(g, co_none(), &out, &exc) == GEN_RAISED && exc.kind == CO_TYPE_ERROR)
        printf("g.send(None) raised %s\n", co_exc_format(&exc, text, sizeof text));
    printf("g is %s\n", gen_state_name(gen_state(g)));
    gen_free(g);

    puts("-- fixed with close(): GeneratorExit closes subgen first");
    if (!(g = started(subgen_body, sizeof(struct co_exc))))
        return 1;
    gen_close(g, NULL);
    printf("g is %s\n", gen_state_name(gen_state(g)));
    gen_free(g);

    puts("-- fixed with a result: subgen returns its total on None");
    if (!(g = started(subgen_total_body, sizeof(struct total_frame))))
        return 1;
    if (gen_send(g, co_none(), &out, &exc) == GEN_RAISED && exc.kind == CO_STOP_ITERATION)
        printf("Result: %lld\n", exc.value.as.i);
    gen_free(g);
    return 0;
}
