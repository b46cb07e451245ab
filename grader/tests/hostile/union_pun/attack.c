/*
 * Hostile submission "union_pun" (grader/tests/run.sh).
 *
 * Turns an address held as data into a function pointer without a cast,
 * through a union.  (The pointer is never called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
union hostile_pun {
    unsigned long bits;
    void (*fn)(void);
};

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    union hostile_pun u;

    u.bits = 4096;
    hostile_found = u.fn;
}
