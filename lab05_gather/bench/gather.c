/*
 * gather - lab05's capstone "a million concurrent tasks", as a benchmark:
 * N coroutines (default 1,000,000) given to one gather, each awaiting
 * sleep(0) once; the loop runs until the gather is done; then all is
 * freed.  One line, "name<TAB>ns per task<TAB>bytes per task", the
 * format grader/scripts/bench.sh pairs with gather.py's line (CPU time;
 * bytes: the growth of the resident set at its peak, over N, as lab04's
 * bench/tasks.c measures them).
 *
 *   build/sol/lab05_gather/bench/gather [N]
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gather.h"

static enum gen_step sleeper_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), *r);
    GEN_END(g);
}

static double cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* "VmRSS" or "VmHWM" of this process, in KB (0 if unreadable) */
static long status_kb(const char *key)
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
    FILE *f;

    if (n < 1000 || !(aws = malloc((size_t)n * sizeof *aws))) {
        fprintf(stderr, "usage: %s [N]   (N >= 1000 tasks)\n", argv[0]);
        return 2;
    }
    malloc_trim(0);
    if ((f = fopen("/proc/self/clear_refs", "w"))) {   /* the peak starts here */
        fputs("5", f);
        fclose(f);
    }
    rss0 = status_kb("VmRSS");
    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    t0 = cpu_ns();
    for (long i = 0; i < n; i++)
        if (!(aws[i].coro = gen_new("sleeper", sleeper_body, sizeof(struct co_value))))
            return 1;
        else
            aws[i].fut = NULL;
    if (gather_new(&loop, aws, (size_t)n, false, &ga) != CO_OK ||
        task_run_until_complete(&loop, &ga->fut, &out, &exc) != CO_OK || gather_free(ga) != CO_OK)
        return 1;
    t1 = cpu_ns();
    peak = status_kb("VmHWM");
    loop_destroy(&loop);
    printf("a million tasks: gather(*(sleep(0) ...)) to completion\t%.2f\t%.0f\n",
           (t1 - t0) / n, peak > rss0 ? (double)(peak - rss0) * 1024 / n : 0.0);
    free(aws);
    return 0;
}
