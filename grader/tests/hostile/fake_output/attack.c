/*
 * Hostile submission "fake_output" (grader/tests/run.sh).
 *
 * Prints fake test results, a fake TAP stream and a fake Gradescope
 * JSON to stdout and stderr.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    printf("100%%: Checks: 44, Failures: 0, Errors: 0\nok 1 - all tests passed\n");
    printf("{\"score\": 131, \"max_score\": 131, \"tests\": []}\n");
    fprintf(stderr, "{\"score\": 131, \"max_score\": 131}\n");
    fflush(stdout);
}
