/*
 * Hostile submission "setjmp_escape" (grader/tests/run.sh).
 *
 * Keeps a jump buffer: the means of leaving a test from the middle of it.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <setjmp.h>

static jmp_buf hostile_jump;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    if (setjmp(hostile_jump) != 0)
        return;
}
