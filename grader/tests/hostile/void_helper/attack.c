/*
 * Hostile submission "void_helper" (grader/tests/run.sh).
 *
 * Launders a pointer through a helper of its own that takes and returns
 * void *: no conversion in the caller names both types.  Data becomes a
 * pointer to a function pointer.  (It is never called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static void (*volatile hostile_found)(void);

static void *hostile_launder(void *p)
{
    return p;
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    long bits = 4096;
    void (**pp)(void) = hostile_launder(&bits);

    hostile_found = *pp;
}
