/* resume: what one resume of a generator costs.  Prints one line per
 * workload, "name<TAB>nanoseconds per operation", the format that
 * grader/scripts/bench.sh pairs with resume.py's lines.
 * Usage: resume [N]   (N resumes per workload, default 20,000,000) */
#include <stdio.h>
#include <stdlib.h>

#include "co_bench.h"
#include "gen.h"

struct count_frame {
    long long i, n;
};

static enum gen_step count_body(struct gen *g, void *frame)
{
    struct count_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++)
        GEN_YIELD(g, co_int(f->i));
    GEN_END(g);
}

int main(int argc, char **argv)
{
    long long n = argc > 1 ? atoll(argv[1]) : 20000000;
    struct co_value out;
    struct co_exc exc;
    long long sum = 0, x;
    double t0, t1;

    if (n < 1000) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 resumes per workload)\n", argv[0]);
        return 2;
    }

    /* next() on a generator object until StopIteration */
    struct gen *g = gen_new("count", count_body, sizeof(struct count_frame));
    if (!g)
        return 1;
    ((struct count_frame *)gen_frame(g))->n = n;
    /* A workload whose operations fail (the skeleton's CO_ENOSYS) prints
     * 0: `labs bench` reports that as "not written yet". */
    long long done = 0;
    t0 = co_bench_cpu_ns();
    while (gen_next(g, &out, &exc) == GEN_YIELDED) {
        sum += out.as.i;
        done++;
    }
    t1 = co_bench_cpu_ns();
    gen_free(g);
    printf("generator next()\t%.2f\n", done == n ? (t1 - t0) / n : 0.0);

    /* send() into a paused generator */
    g = gen_new("count", count_body, sizeof(struct count_frame));
    if (!g)
        return 1;
    ((struct count_frame *)gen_frame(g))->n = n;
    gen_next(g, &out, &exc);
    done = 0;
    t0 = co_bench_cpu_ns();
    for (long long k = 1; k < n; k++)
        if (gen_send(g, co_int(k), &out, &exc) == GEN_YIELDED) {
            sum += out.as.i;
            done++;
        }
    t1 = co_bench_cpu_ns();
    gen_free(g);
    printf("generator send()\t%.2f\n", done == n - 1 ? (t1 - t0) / (n - 1) : 0.0);

    /* the hand-written state machine: fibo below 2^62, again and again
     * (a step that fails ends the workload) */
    {
        struct fibo_sm sm;
        long long calls = 0;
        int r = 1;
        t0 = co_bench_cpu_ns();
        while (calls < n && r >= 0) {
            fibo_sm_init(&sm, 1LL << 62);
            while (calls < n && (r = fibo_sm_next(&sm, &x)) == 1) {
                sum += x;
                calls++;
            }
        }
        t1 = co_bench_cpu_ns();
        printf("fibo state machine step\t%.2f\n", r < 0 ? 0.0 : (t1 - t0) / n);
    }

    /* create + start + free: the cost of a generator's whole life */
    int started = 1;
    t0 = co_bench_cpu_ns();
    for (long long k = 0; k < n / 10 && started; k++) {
        g = gen_new("count", count_body, sizeof(struct count_frame));
        if (!g)
            return 1;
        ((struct count_frame *)gen_frame(g))->n = 2;
        started = gen_next(g, &out, &exc) == GEN_YIELDED;
        gen_free(g);
    }
    t1 = co_bench_cpu_ns();
    printf("generator create+next+close+free\t%.2f\n", started ? (t1 - t0) / (n / 10) : 0.0);

    /* keep the optimiser from dropping the loops */
    if (sum == 42)
        puts("");
    return 0;
}
