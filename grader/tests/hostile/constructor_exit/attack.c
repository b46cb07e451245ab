/*
 * Hostile submission "constructor_exit" (grader/tests/run.sh).
 *
 * A constructor runs before main() and ends the test program with
 * status 0 before any test runs.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdlib.h>

__attribute__((constructor)) static void hostile_before_main(void)
{
    exit(0);
}
