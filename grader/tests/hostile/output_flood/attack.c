/*
 * Hostile submission "output_flood" (grader/tests/run.sh).
 *
 * Prints without end.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (;;)
        fputs("flood flood flood flood flood flood flood flood flood flood\n", stdout);
}
