/*
 * Hostile submission "va_arg_pun" (grader/tests/run.sh).
 *
 * Turns a number into a function pointer with no conversion in sight: a
 * variadic helper of its own is passed a long and reads the argument
 * back as a function pointer (va_arg).  (It is never called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdarg.h>

static void (*volatile hostile_found)(void);

static void hostile_take(int n, ...)
{
    va_list ap;

    va_start(ap, n);
    hostile_found = va_arg(ap, void (*)(void));
    va_end(ap);
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    hostile_take(1, 4096L);
}
