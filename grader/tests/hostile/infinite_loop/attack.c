/*
 * Hostile submission "infinite_loop" (grader/tests/run.sh).
 *
 * Never returns.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static volatile int hostile_spin = 1;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    while (hostile_spin)
        ;
}
