/*
 * Hostile submission "union_address" (grader/tests/run.sh).
 *
 * Makes an address out of a number without a cast: a union holds a long
 * and a pointer to a struct that holds a function pointer; the number is
 * written, the pointer read.  (Nothing is called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

struct hostile_holder {
    void (*fn)(void);
};

union hostile_pun {
    unsigned long bits;
    struct hostile_holder *h;
};

static struct hostile_holder *volatile hostile_found;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    union hostile_pun u;

    u.bits = 4096;
    hostile_found = u.h;
}
