/*
 * Hostile submission "oob_frame" (grader/tests/run.sh).
 *
 * Writes past the end of a local array, over its own frame and into the
 * caller's: the saved return address, then the test's locals.  Ordinary C
 * the static checks cannot see; the stack protector ends the test before
 * the clobbered return is taken.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    volatile long words[2];
    volatile long *p = words;

    for (int i = 0; i < 16; i++)
        p[i] = 0;
}
