/* loop: what the event loop's basic operations cost.  Prints one line per
 * workload, "name<TAB>nanoseconds per operation[<TAB>bytes per item]",
 * the format that grader/scripts/bench.sh pairs with loop.py's lines.
 * Usage: loop [N]   (N operations per workload, default 1,000,000)
 * Times are CPU time of the process; bytes per item (the workloads that
 * hold N items at once: call_soon with N queued, N timers) the growth of
 * the resident set at its peak over N: both as common/co_bench.h says. */
#include <stdio.h>
#include <stdlib.h>

#include "co_bench.h"
#include "loop.h"

static long long calls;

static void count_cb(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    calls++;
}

/* Re-queues itself until `calls` reaches *(long long *)arg. */
static void chain_cb(struct loop *loop, void *arg)
{
    if (++calls < *(long long *)arg)
        loop_call_soon(loop, chain_cb, arg, NULL);
}

int main(int argc, char **argv)
{
    long long n = argc > 1 ? atoll(argv[1]) : 1000000;
    struct loop loop;
    double t0, t1;
    long rss0;
    unsigned long long x = 1;

    if (n < 1000) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 operations per workload)\n", argv[0]);
        return 2;
    }

    /* call_soon n callbacks, then one iteration calls them all. */
    rss0 = co_bench_peak_reset();
    if (loop_init(&loop, LOOP_CLOCK_MONOTONIC) != CO_OK)
        co_bench_fail("the event loop", "loop_init");
    calls = 0;
    t0 = co_bench_cpu_ns();
    for (long long k = 0; k < n; k++)
        loop_call_soon(&loop, count_cb, NULL, NULL);
    loop_run_once(&loop);
    t1 = co_bench_cpu_ns();
    if (calls != n)
        co_bench_fail("call_soon + call, n queued at once", "loop_call_soon or loop_run_once");
    co_bench_report_bytes("call_soon + call, n queued at once", t0, t1, (long)n, rss0, -1);

    /* The same again in batches of 1000: the steady state (spare handles,
     * a warm ring buffer). */
    long long queued = 0;
    calls = 0;
    t0 = co_bench_cpu_ns();
    for (long long k = 0; k < n; k += 1000) {
        for (int i = 0; i < 1000; i++)
            loop_call_soon(&loop, count_cb, NULL, NULL);
        queued += 1000;
        loop_run_once(&loop);
    }
    t1 = co_bench_cpu_ns();
    if (calls != queued)
        co_bench_fail("call_soon + call, batches of 1000", "loop_call_soon or loop_run_once");
    co_bench_report("call_soon + call, batches of 1000", t0, t1, (long)calls);

    /* One callback per iteration: a whole iteration each time. */
    calls = 0;
    loop_call_soon(&loop, chain_cb, &n, NULL);
    t0 = co_bench_cpu_ns();
    loop_run_forever(&loop);
    t1 = co_bench_cpu_ns();
    if (calls != n)
        co_bench_fail("loop iteration with one callback", "loop_run_forever");
    co_bench_report("loop iteration with one callback", t0, t1, (long)calls);
    loop_destroy(&loop);

    /* Timers: n call_later at random delays in [0, 1) s (a fixed seed),
     * then the loop runs until every one has fired: push + pop + call.
     * (The virtual clock jumps from timer to timer; the Python side
     * really waits, but CPU time does not count the wait.) */
    rss0 = co_bench_peak_reset();
    if (loop_init(&loop, LOOP_CLOCK_VIRTUAL) != CO_OK)
        co_bench_fail("the event loop", "loop_init");
    calls = 0;
    t0 = co_bench_cpu_ns();
    for (long long k = 0; k < n; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        loop_call_later(&loop, (double)(x >> 11) / (1ULL << 53), count_cb, NULL, NULL);
    }
    loop_run_forever(&loop);            /* CO_EDONE: nothing left to run */
    t1 = co_bench_cpu_ns();
    if (calls != n)
        co_bench_fail("timer call_later + fire, n random delays", "loop_call_later or "
                      "loop_run_forever");
    co_bench_report_bytes("timer call_later + fire, n random delays", t0, t1, (long)n, rss0, -1);

    /* Timers in a steady state: with 1000 timers pending far away, push
     * one that is already due and run one iteration, which pops it. */
    calls = 0;
    for (int i = 0; i < 1000; i++)
        loop_call_later(&loop, 1000.0 + i, count_cb, NULL, NULL);
    t0 = co_bench_cpu_ns();
    for (long long k = 0; k < n; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        loop_call_at(&loop, loop_time(&loop) - (double)(x >> 11) / (1ULL << 53),
                     count_cb, NULL, NULL);
        loop_run_once(&loop);
    }
    t1 = co_bench_cpu_ns();
    if (calls != n)
        co_bench_fail("timer push + pop + iteration, heap of 1000", "loop_call_at or "
                      "loop_run_once");
    co_bench_report("timer push + pop + iteration, heap of 1000", t0, t1, (long)n);
    loop_destroy(&loop);
    return 0;
}
