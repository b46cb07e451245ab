/*
 * Hostile submission "sleep_forever" (grader/tests/run.sh).
 *
 * Sleeps far past every time limit.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    sleep(100000);
}
