/*
 * Hostile submission "atexit_later" (grader/tests/run.sh).
 *
 * Registers code to run when the test process exits, after the test.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdlib.h>

static void hostile_later(void)
{
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    atexit(hostile_later);
}
