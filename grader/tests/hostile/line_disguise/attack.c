/*
 * Hostile submission "line_disguise" (grader/tests/run.sh).
 *
 * Claims, with #line, that its code comes from a system header, so that
 * checks that trust the preprocessor's line markers skip it.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#line 1 "/usr/include/stdio.h"
/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    __asm__ volatile("" ::: "memory");
}
