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

/* "GEN_YIELDED", "GEN_RAISED", or the co_err name of r. */
const char *outcome_name(int r);

/* `made` must not be NULL; `expr` is the call that made it. */
struct gen *expect_gen(struct gen *made, const char *expr);
#define NEW_GEN(call) expect_gen((call), #call)

/* The resume that returned r must have yielded `want` (in *out). */
void expect_yielded(int r, struct co_value out, const struct co_exc *exc,
                    struct co_value want, const char *situation);

/* The resume that returned r must have raised an exception of `kind`. */
void expect_raised(int r, const struct co_exc *exc, enum co_exc_kind kind,
                   const char *situation);

/* ...must have finished: StopIteration carrying `retval`. */
void expect_stopped(int r, const struct co_exc *exc, struct co_value retval,
                    const char *situation);

/* g must be in state `want`. */
void expect_state(const struct gen *g, enum gen_state want,
                  const char *situation);

/* An exception of `kind` with no message, to throw in. */
struct co_exc exc_of(enum co_exc_kind kind);

#endif
