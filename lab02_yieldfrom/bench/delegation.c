/* delegation: what `yield from` costs.  Prints one line per workload,
 * "name<TAB>nanoseconds per operation", the format grader/scripts/bench.sh
 * pairs with delegation.py's lines.
 * Usage: delegation [N]   (N resumes per workload, default 10,000,000)
 *
 * A resume of a chain of D levels enters D + 1 bodies (each level's
 * delegation point, then the leaf), so its cost grows linearly with D;
 * "per level" is the slope, measured between 1 and 100 levels. */
#include <stdio.h>
#include <stdlib.h>

#include "co_bench.h"
#include "gen.h"
#include "yieldfrom.h"

/*
 *     def level(k, n):
 *         if k == 0:                      # the leaf: count(n)
 *             for i in range(n):
 *                 yield i
 *             return None
 *         return (yield from level(k - 1, n))
 */
struct level_frame {
    int k;
    long long n, i;
    struct co_value result;
};

static struct gen *level_new(int k, long long n);

static enum gen_step level_body(struct gen *g, void *frame)
{
    struct level_frame *f = frame;

    GEN_BEGIN(g);
    if (f->k == 0) {
        for (f->i = 0; f->i < f->n; f->i++)
            GEN_YIELD(g, co_int(f->i));
        GEN_RETURN(g, co_none());
    }
    GEN_YIELD_FROM(g, level_new(f->k - 1, f->n), f->result);
    GEN_RETURN(g, f->result);
    GEN_END(g);
}

static struct gen *level_new(int k, long long n)
{
    struct gen *g = gen_new("level", level_body, sizeof(struct level_frame));

    if (g) {
        struct level_frame *f = gen_frame(g);
        f->k = k;
        f->n = n;
    }
    return g;
}

/* ns per next() through `depth` levels of delegation (depth + 1
 * generators, the leaf included), over n resumes. */
static double resume_cost(int depth, long long n, long long *sum)
{
    struct gen *g = level_new(depth, n);
    struct co_value out;
    struct co_exc exc;
    long long done = 0;
    double t0, t1;

    if (!g)
        co_bench_fail("yield from", "gen_new");
    t0 = co_bench_cpu_ns();
    while (gen_next(g, &out, &exc) == GEN_YIELDED) {
        *sum += out.as.i;
        done++;
    }
    t1 = co_bench_cpu_ns();
    gen_free(g);
    if (done != n)                  /* the delegation stopped early */
        co_bench_fail("yield from", "a resume through the delegation (gen_next)");
    return (t1 - t0) / n;
}

/* relay(m): m delegations in a loop, to subs that yield once. */
struct relay_frame {
    long long k, m;
    struct co_value result;
};

static enum gen_step relay_body(struct gen *g, void *frame)
{
    struct relay_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->m; f->k++)
        GEN_YIELD_FROM(g, level_new(0, 1), f->result);
    GEN_END(g);
}

int main(int argc, char **argv)
{
    long long n = argc > 1 ? atoll(argv[1]) : 10000000;
    long long sum = 0;
    struct co_value out;
    struct co_exc exc;
    double one, ten, hundred, t0, t1;
    struct gen *g;

    if (n < 1000) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 resumes per workload)\n", argv[0]);
        return 2;
    }

    one = resume_cost(1, n, &sum);
    ten = resume_cost(10, n / 10, &sum);
    hundred = resume_cost(100, n / 100, &sum);
    printf("yield from, 1 level: next()\t%.2f\n", one);
    printf("yield from, 10 levels: next()\t%.2f\n", ten);
    printf("yield from, 100 levels: next()\t%.2f\n", hundred);
    /* 0 when depth costs nothing (the reference's shortcut): noise must
     * not print a negative time. */
    printf("yield from: each extra level, per next()\t%.2f\n",
           hundred > one ? (hundred - one) / 99 : 0.0);

    /* start + finish one delegation: make the sub, prime it, resume it
     * to its end, free it (the sub yields once) */
    g = gen_new("relay", relay_body, sizeof(struct relay_frame));
    if (!g)
        co_bench_fail("yield from: one whole delegation", "gen_new");
    ((struct relay_frame *)gen_frame(g))->m = n / 10;
    long long done = 0;
    t0 = co_bench_cpu_ns();
    while (gen_next(g, &out, &exc) == GEN_YIELDED) {
        sum += out.as.i;
        done++;
    }
    t1 = co_bench_cpu_ns();
    gen_free(g);
    if (done != n / 10)
        co_bench_fail("yield from: one whole delegation", "a resume through the "
                      "delegation (gen_next)");
    printf("yield from: one whole delegation\t%.2f\n", (t1 - t0) / (n / 10));

    if (sum == 42)          /* keep the optimiser from dropping the loops */
        puts("");
    return 0;
}
