/*
 * Hostile submission "libc_walk" (grader/tests/run.sh).
 *
 * The first steps of a forgery that finds code inside the C library: take
 * the address stdout holds, step from it into the library's memory, and
 * make a function pointer of what is found there.  (It stops there: the
 * pointer is never called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    const unsigned char *p = (const unsigned char *)stdout + 4096;

    hostile_found = (void (*)(void))p;
}
