/*
 * Hostile submission "fnptr_retype" (grader/tests/run.sh).
 *
 * Turns a number into a function pointer through a call: a helper that
 * takes a function pointer is called through a pointer of another type,
 * one that takes a long, so the long arrives as the function pointer.
 * A helper declared without a prototype does the same.  (Nothing found
 * is called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static void (*volatile hostile_found)(void);

static void hostile_keep(void (*fn)(void))
{
    hostile_found = fn;
}

static void hostile_keep_too();

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    void (*as_long)(long) = (void (*)(long))hostile_keep;

    as_long(4096L);
    hostile_keep_too(4096L);
}

static void hostile_keep_too(fn)
    void (*fn)(void);
{
    hostile_found = fn;
}
