/*
 * Hostile submission "errno_walk" (grader/tests/run.sh).
 *
 * Steps from the address of errno (thread-local storage of the C
 * library) to its neighbours.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <errno.h>

static volatile int hostile_word;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    int *e = &errno;

    hostile_word = e[8];
}
