/*
 * Hostile submission "memcpy_address" (grader/tests/run.sh).
 *
 * Makes an address out of a number with memcpy: the bytes of a long are
 * copied into a pointer to a struct that holds a function pointer.
 * (Nothing is called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <string.h>

struct hostile_holder {
    void (*fn)(void);
};

static struct hostile_holder *volatile hostile_found;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    unsigned long bits = 4096;
    struct hostile_holder *h;

    memcpy(&h, &bits, sizeof h);
    hostile_found = h;
}
