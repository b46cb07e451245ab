/*
 * Hostile submission "kill_grader" (grader/tests/run.sh).
 *
 * Kills its parent (the test runner) and its own process group.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <signal.h>
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    kill(getppid(), SIGKILL);
    kill(0, SIGKILL);
}
