/*
 * gather - lab05's capstone "a million concurrent tasks", as a benchmark:
 * N coroutines (default 1,000,000) given to one gather, each awaiting
 * sleep(0) once; the loop runs until the gather is done; then all is
 * freed.  One line, "name<TAB>ns per task<TAB>bytes per task", the
 * format grader/scripts/bench.sh pairs with gather.py's line (CPU time;
 * bytes: the growth of the resident set at its peak, over N: both as
 * common/co_bench.h measures them).
 *
 *   build/sol/lab05_gather/bench/gather [N]
 */
#include <stdio.h>
#include <stdlib.h>

#include "co_bench.h"
#include "gather.h"

static enum gen_step sleeper_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), *r);
    GEN_END(g);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    struct loop loop;
    struct aw *aws;
    struct gather *ga;
    struct co_value out;
    struct co_exc exc;
    double t0, t1;
    long rss0, peak;
    const char *what = "a million tasks: gather(*(sleep(0) ...)) to completion";

    if (n < 1000 || !(aws = malloc((size_t)n * sizeof *aws))) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 tasks)\n", argv[0]);
        return 2;
    }
    rss0 = co_bench_peak_reset();                   /* the peak starts here */
    if (loop_init(&loop, LOOP_CLOCK_VIRTUAL) != CO_OK)
        co_bench_fail(what, "loop_init");
    t0 = co_bench_cpu_ns();
    for (long i = 0; i < n; i++)
        if (!(aws[i].coro = gen_new("sleeper", sleeper_body, sizeof(struct co_value))))
            co_bench_fail(what, "gen_new");
        else
            aws[i].fut = NULL;
    if (gather_new(&loop, aws, (size_t)n, false, &ga) != CO_OK)
        co_bench_fail(what, "gather_new");
    if (task_run_until_complete(&loop, &ga->fut, &out, &exc) != CO_OK)
        co_bench_fail(what, "running the gather to its end (task_run_until_complete)");
    if (gather_free(ga) != CO_OK)
        co_bench_fail(what, "gather_free");
    t1 = co_bench_cpu_ns();
    peak = co_bench_status_kb("VmHWM");
    loop_destroy(&loop);
    co_bench_report_bytes(what, t0, t1, n, rss0, peak);
    free(aws);
    return 0;
}
