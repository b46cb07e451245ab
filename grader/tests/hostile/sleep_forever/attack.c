/*
 * Hostile submission "sleep_forever" for lab01 (grader/tests/run.sh).
 *
 * Sleeps far past every time limit.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    sleep(100000);
}
