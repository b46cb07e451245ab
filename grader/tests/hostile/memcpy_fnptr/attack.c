/*
 * Hostile submission "memcpy_fnptr" (grader/tests/run.sh).
 *
 * Makes a function pointer out of bytes with memcpy.  (It is never
 * called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <string.h>

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    unsigned long bits = 4096;
    void (*fn)(void);

    memcpy(&fn, &bits, sizeof fn);
    hostile_found = fn;
}
