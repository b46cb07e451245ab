/*
 * Hostile submission "file_internals" for lab01 (grader/tests/run.sh).
 *
 * Reaches into the C library's FILE structure to point stderr at another
 * descriptor (Check's message file) and write through it.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    stderr->_fileno = 3;
    fprintf(stderr, "forged message");
    fflush(stderr);
}
