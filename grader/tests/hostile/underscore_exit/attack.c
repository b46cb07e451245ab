/*
 * Hostile submission "underscore_exit" (grader/tests/run.sh).
 *
 * Ends every test process with _exit(0), skipping atexit handlers.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    _exit(0);
}
