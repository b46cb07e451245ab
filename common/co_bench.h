/*
 * co_bench - what every benchmark program (LAB/bench/NAME.c) measures
 * with, written once; its Python side is grader/scripts/co_bench.py,
 * which the twins (LAB/bench/NAME.py) import, and both measure alike.
 *
 *   - Time is the process's CPU time (CLOCK_PROCESS_CPUTIME_ID): a
 *     shared, loaded machine disturbs it far less than wall-clock time.
 *   - Bytes per item is how much the resident set grew at its peak,
 *     divided by N (what `ps` would see: malloc's headers and the loop's
 *     handles included).  co_bench_peak_reset() hands the heap's free
 *     memory back to the kernel (malloc_trim; else a workload would be
 *     measured reusing what the one before it freed) and resets the peak
 *     (/proc/self/clear_refs); VmHWM from /proc/self/status is the peak.
 *
 * A workload's line is "name<TAB>ns per item[<TAB>bytes per item]", the
 * format grader/scripts/bench.sh pairs across C, CPython and uvloop.
 */
#ifndef CO_BENCH_H
#define CO_BENCH_H

/* The process's CPU time, in nanoseconds. */
double co_bench_cpu_ns(void);

/* "VmRSS" or "VmHWM" (any key of /proc/self/status) in KB; 0 if unreadable. */
long co_bench_status_kb(const char *key);

/* Free memory back to the kernel, the peak reset to now; returns VmRSS (KB). */
long co_bench_peak_reset(void);

/* Print "name<TAB>ns per item" for n items timed from t0 to t1 (ns). */
void co_bench_report(const char *name, double t0, double t1, long n);

/* ... and "<TAB>bytes per item": the growth from rss0_kb (co_bench_peak_reset's
 * answer) to peak_kb (< 0: the peak so far, VmHWM), over n. */
void co_bench_report_bytes(const char *name, double t0, double t1, long n, long rss0_kb,
                           long peak_kb);

/* A workload whose operations failed (a skeleton's TODOs return CO_ENOSYS
 * at once): say on stderr which calls failed and exit with
 * CO_BENCH_FAILED, which `labs bench` reads as "not written yet, or
 * broken".  Nothing more is printed on stdout: no time for work not done. */
enum { CO_BENCH_FAILED = 3 };
_Noreturn void co_bench_fail(const char *workload, const char *calls);

#endif
