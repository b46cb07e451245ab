/*
 * tasks - lab04's workload: N tasks (default 1,000,000), each awaiting
 * sleep(0) once (a bare yield) and returning, on the virtual clock; then
 * all freed.  Prints the time per task and the bytes per task, the peak
 * RSS of the process divided by N (what `ps` would show, malloc's own
 * headers and the loop's handles included).
 *
 *   build/sol/lab04_tasks/bench/tasks [N] [delay]
 *
 * delay > 0 makes every task sleep that long instead (a timer each);
 * delay < 0 makes it yield bare instead of awaiting sleep(0) (what
 * sleep(0) comes down to, without the cost of its own coroutine).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "task.h"

struct bench_frame {
    double delay;
    struct co_value r;
};

static enum gen_step bench_body(struct gen *g, void *frame)
{
    struct bench_frame *f = frame;

    GEN_BEGIN(g);
    if (f->delay < 0)
        GEN_YIELD(g, co_none());     /* a bare yield, without sleep's coroutine */
    else
        TASK_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->r);
    GEN_END(g);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    double delay = argc > 2 ? atof(argv[2]) : 0;
    struct task **t = malloc((size_t)n * sizeof *t);
    struct rusage ru0, ru;
    struct loop loop;
    double t0, t1;

    if (!t || n <= 0)
        return 2;
    getrusage(RUSAGE_SELF, &ru0);
    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    t0 = now();
    for (long i = 0; i < n; i++) {
        struct gen *g = gen_new("bench", bench_body, sizeof(struct bench_frame));
        if (!g || task_create(&loop, g, NULL, &t[i]) != CO_OK)
            return 1;
        ((struct bench_frame *)gen_frame(g))->delay = delay;
    }
    loop_run_forever(&loop);
    for (long i = 0; i < n; i++)
        task_free(t[i]);
    t1 = now();
    getrusage(RUSAGE_SELF, &ru);
    loop_destroy(&loop);
    {
        double cpu = (ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec)
                   + (ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6
                   + (ru.ru_stime.tv_sec - ru0.ru_stime.tv_sec)
                   + (ru.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
        printf("%ld tasks: %.1f ns per task (%.1f ns of CPU), %.0f bytes per task "
               "(peak RSS %ld KB, %ld KB before)\n", n, (t1 - t0) / n * 1e9,
               cpu / n * 1e9, (double)(ru.ru_maxrss - ru0.ru_maxrss) * 1024 / n,
               ru.ru_maxrss, ru0.ru_maxrss);
    }
    free(t);
    return 0;
}
