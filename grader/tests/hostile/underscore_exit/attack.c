/*
 * Hostile submission "underscore_exit" for lab01 (grader/tests/run.sh).
 *
 * Ends every test process with _exit(0), skipping atexit handlers.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    _exit(0);
}
