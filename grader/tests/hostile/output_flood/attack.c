/*
 * Hostile submission "output_flood" for lab01 (grader/tests/run.sh).
 *
 * Prints without end.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (;;)
        fputs("flood flood flood flood flood flood flood flood flood flood\n", stdout);
}
