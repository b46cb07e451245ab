/*
 * Hostile submission "override_helpers" (grader/tests/run.sh).
 *
 * Defines, as weak symbols, the test kit's judges (co_testkit: "why is
 * this not what the test expects?") and Check's runner, so that the
 * linker might take these, which find nothing wrong, instead of the real
 * ones.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include "co_testkit.h"

__attribute__((weak)) const char *why_not_yielded(struct step st, struct co_value want,
                                                  const char *situation)
{
    (void)st;
    (void)want;
    (void)situation;
    return NULL;
}

__attribute__((weak)) void srunner_run_all(SRunner *runner, enum print_output mode)
{
    (void)runner;
    (void)mode;
}
