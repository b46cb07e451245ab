/*
 * co_bench.c - the benchmarks' clock and memory gauge (see co_bench.h).
 */
#include "co_bench.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double co_bench_cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

long co_bench_status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    size_t n = strlen(key);

    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':')
            kb = atol(line + n + 1);
    fclose(f);
    return kb;
}

long co_bench_peak_reset(void)
{
    FILE *f;

    malloc_trim(0);
    if ((f = fopen("/proc/self/clear_refs", "w"))) {
        fputs("5", f);               /* 5: reset the peak resident set */
        fclose(f);
    }
    return co_bench_status_kb("VmRSS");
}

void co_bench_report(const char *name, double t0, double t1, long n)
{
    printf("%s\t%.2f\n", name, (t1 - t0) / (double)n);
}

void co_bench_report_bytes(const char *name, double t0, double t1, long n, long rss0_kb,
                           long peak_kb)
{
    long peak = peak_kb < 0 ? co_bench_status_kb("VmHWM") : peak_kb;

    printf("%s\t%.2f\t%.0f\n", name, (t1 - t0) / (double)n,
           peak > rss0_kb ? (double)(peak - rss0_kb) * 1024 / (double)n : 0.0);
}

void co_bench_fail(const char *workload, const char *calls)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s failed, so it was not timed\n", workload, calls);
    exit(CO_BENCH_FAILED);
}
