/*
 * Hostile submission "void_launder" (grader/tests/run.sh).
 *
 * Makes a function pointer out of data in two steps, each of them a
 * conversion C allows without a word: a long's address becomes a void *,
 * the void * a pointer to a function pointer.  (It is never called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    long bits = 4096;
    void *v = &bits;
    void (**pp)(void) = v;

    hostile_found = *pp;
}
