/* What lab03's test files share: the suites, the test's loop, a trace of
 * what ran, and the expect_* checks. */
#ifndef LAB03_TESTS_H
#define LAB03_TESTS_H

#include <stddef.h>

#include "co_testkit.h"
#include "loop.h"

Suite *make_round_robin_suite(void);
Suite *make_ready_suite(void);
Suite *make_timers_suite(void);
Suite *make_run_suite(void);
Suite *make_io_suite(void);
Suite *make_spawn_suite(void);
Suite *make_details_suite(void);

/* Seconds before a test counts as hung (an endless loop fails, never hangs). */
#define LAB03_TIMEOUT 5

/* The loop of the current test: a fresh virtual-clock loop, made by
 * setup_loop and destroyed by teardown_loop (a checked fixture, so each
 * test gets its own in its own process). */
extern struct loop L;
void setup_loop(void);
void teardown_loop(void);

/* ---- the trace: what ran, in order ---------------------------------- */

/* trace(), trace_text(), trace_reset() and expect_trace() are co_testkit.h's. */

/* Callbacks that only record: arg is the word (a string literal).
 * record_cb appends "word"; record_at_cb appends "word@TIME" with the
 * loop's time printed as %g (1, 2.5, 3600). */
void record_cb(struct loop *loop, void *arg);
void record_at_cb(struct loop *loop, void *arg);

/*
 * The checks below are macros so that a failure points at the line of
 * the test that failed.  Each calls a why_*() function that returns NULL
 * when all is well, or the message for the student.
 */


/* loop_run_once(&L) must succeed and call `want` callbacks. */
#define expect_run_once(want, situation) CO_EXPECT(why_not_run_once((want), (situation)))
const char *why_not_run_once(int want, const char *situation);

/* loop_run_forever(&L) must return `want` (CO_OK after a stop, CO_EDONE
 * when nothing is left). */
#define expect_run_forever(want, situation) \
    CO_EXPECT(why_not_run_forever((want), (situation)))
const char *why_not_run_forever(int want, const char *situation);

/* The virtual clock of L must read `want` exactly. */
#define expect_time(want, situation) CO_EXPECT(why_not_time((want), (situation)))
const char *why_not_time(double want, const char *situation);

/* ---- watching poll() ------------------------------------------------- */

/* The tests' program defines poll() itself: it forwards every call to the
 * C library's poll, and, while a watch is on, notes the calls whose
 * timeout ends before `when` on the watched loop's clock (a loop that
 * wakes up before its timer is due and then spins). */
struct poll_watch {
    int calls;              /* poll() calls since poll_watch_start */
    bool early;             /* one of them would wake before `when` */
    int early_ms;           /* its timeout, in ms */
    double early_left;      /* what was left until `when` then, in seconds */
    int last_ms;            /* the timeout of the last call, in ms */
};
void poll_watch_start(const struct loop *loop, double when);
struct poll_watch poll_watch_stop(void);

/* loop_check(&L) must hold; the message says which invariant broke. */
#define expect_loop_check(situation) CO_EXPECT(why_not_loop_check(situation))
const char *why_not_loop_check(const char *situation);

/* The heap in use must be back to `before` (give or take the few KB that
 * the C library's per-thread caches keep: malloc's tcache counts as "in
 * use"; valgrind, in `make test`, checks for exact leaks). */
#define expect_heap_back(before, situation) \
    expect_heap((before), 16 * 1024, (situation), "loop_destroy frees the arrays and " \
                "the spare handles; every handle must come back to the loop")

#endif
