/*
 * Hostile submission "pthread_exit" (grader/tests/run.sh).
 *
 * Ends the main (only) thread with pthread_exit: the process then exits
 * with status 0 without ever calling exit.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <pthread.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    pthread_exit(NULL);
}
