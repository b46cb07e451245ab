/*
 * Hostile submission "fork_bomb" for lab01 (grader/tests/run.sh).
 *
 * Forks without end.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (;;)
        fork();
}
