/*
 * Hostile submission "fork_bomb" (grader/tests/run.sh).
 *
 * Forks without end.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (;;)
        fork();
}
