/*
 * Hostile submission "memory_bomb" (grader/tests/run.sh).
 *
 * Allocates and touches memory until none is left.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdlib.h>
#include <string.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (;;) {
        char *p = malloc(1 << 20);
        memset(p, 1, 1 << 20);
    }
}
