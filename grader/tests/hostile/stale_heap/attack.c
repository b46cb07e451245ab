/*
 * Hostile submission "stale_heap" (grader/tests/run.sh).
 *
 * Passes an address through freed memory, with no conversion at all: a
 * block is filled with longs and freed, and a block of the same size is
 * taken again as a struct that holds function pointers, whose pointers
 * are never written but called.  With the address of code inside the
 * binary, that calls anything.  Under the grader a fresh block is zeroed:
 * the pointer is null, and the call crashes the test.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdlib.h>

struct hostile_holder {
    void (*fn[8])(void);
};

static void hostile_nothing(void)
{
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    struct hostile_holder *h = malloc(sizeof *h), *again;
    long *words;

    if (!h)
        return;
    for (int i = 0; i < 8; i++)
        h->fn[i] = hostile_nothing;          /* a real address, legally */
    free(h);
    words = malloc(sizeof *h);               /* read back as numbers... */
    if (!words)
        return;
    for (int i = 2; i < 8; i++)
        words[i] += 0;                       /* (here: unchanged) */
    free(words);
    again = malloc(sizeof *again);           /* ...and called */
    if (again)
        again->fn[7]();
    free(again);
}
