/*
 * Hostile submission "exit0" (grader/tests/run.sh).
 *
 * Ends every test process with exit(0) from the student code: Check alone
 * would report each such test as passed.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdlib.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    exit(0);
}
