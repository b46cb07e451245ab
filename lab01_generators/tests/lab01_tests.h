/* What lab01's test files share: the suites and the expect_* checks. */
#ifndef LAB01_TESTS_H
#define LAB01_TESTS_H

#include "co_check.h"
#include "gen.h"

Suite *make_fibo_sm_suite(void);
Suite *make_protocol_suite(void);
Suite *make_throw_close_suite(void);
Suite *make_macros_suite(void);

/* Seconds before a test counts as hung (an endless loop fails, never hangs). */
#define LAB01_TIMEOUT 5

/*
 * The checks below are macros so that a failure points at the line of
 * the test that failed.  Each calls a why_*() function that returns NULL
 * when all is well, or the message for the student.
 */

/* `made` must not be NULL; the test stops if it is. */
#define NEW_GEN(call) new_gen_or_fail((call), #call)
struct gen *new_gen_or_fail(struct gen *made, const char *expr);

/* The resume that returned r must have yielded `want` (in out). */
#define expect_yielded(r, out, exc, want, situation) \
    CO_EXPECT(why_not_yielded((r), (out), (exc), (want), (situation)))
const char *why_not_yielded(int r, struct co_value out, const struct co_exc *exc,
                            struct co_value want, const char *situation);

/* The resume that returned r must have raised an exception of `kind`. */
#define expect_raised(r, exc, kind, situation) \
    CO_EXPECT(why_not_raised((r), (exc), (kind), (situation)))
const char *why_not_raised(int r, const struct co_exc *exc,
                           enum co_exc_kind kind, const char *situation);

/* ...must have finished: StopIteration carrying `retval`. */
#define expect_stopped(r, exc, retval, situation) \
    CO_EXPECT(why_not_stopped((r), (exc), (retval), (situation)))
const char *why_not_stopped(int r, const struct co_exc *exc,
                            struct co_value retval, const char *situation);

/* g must be in state `want`. */
#define expect_state(g, want, situation) \
    CO_EXPECT(why_not_state((g), (want), (situation)))
const char *why_not_state(const struct gen *g, enum gen_state want,
                          const char *situation);

/* An exception of `kind` with no message, to throw in. */
struct co_exc exc_of(enum co_exc_kind kind);

#endif
