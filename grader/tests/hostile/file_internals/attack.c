/*
 * Hostile submission "file_internals" (grader/tests/run.sh).
 *
 * Reaches into the C library's FILE structure to point stderr at another
 * descriptor (Check's message file) and write through it.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    stderr->_fileno = 3;
    fprintf(stderr, "forged message");
    fflush(stderr);
}
