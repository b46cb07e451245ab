/* What lab01's test files share: the suites.  The checks (expect_*,
 * NEW_GEN, step_*) are common/co_testkit.h's. */
#ifndef LAB01_TESTS_H
#define LAB01_TESTS_H

#include "co_testkit.h"
#include "gen.h"

Suite *make_fibo_sm_suite(void);
Suite *make_protocol_suite(void);
Suite *make_throw_close_suite(void);
Suite *make_macros_suite(void);

/* Seconds before a test counts as hung (an endless loop fails, never hangs). */
#define LAB01_TIMEOUT 5

#endif
