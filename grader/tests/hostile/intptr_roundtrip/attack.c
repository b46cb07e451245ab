/*
 * Hostile submission "intptr_roundtrip" (grader/tests/run.sh).
 *
 * Passes addresses through integers (uintptr_t), which forget their type:
 * a struct that holds a function pointer is written as longs, and a long
 * is read as a pointer to a function pointer.  (Nothing is called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdint.h>

struct hostile_holder {
    long pad;
    void (*fn)(void);
};

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    struct hostile_holder h = { 0, 0 };
    long bits = 4096, *words = (long *)(uintptr_t)&h;
    void (**pp)(void) = (void (**)(void))(uintptr_t)&bits;

    words[1] = bits;
    hostile_found = *pp;
    hostile_found = h.fn;
}
