/*
 * Hostile submission "struct_pun" (grader/tests/run.sh).
 *
 * Reads one struct as another in one cast: the long of the first lies
 * where the second keeps a function pointer; and views the struct as
 * bytes to write that pointer.  (Nothing is called.)
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

struct hostile_a {
    long bits;
    long pad;
};

struct hostile_b {
    void (*fn)(void);
    long pad;
};

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    struct hostile_a a = { 4096, 0 };
    struct hostile_b b = { 0, 0 };
    unsigned char *bytes = (unsigned char *)&b;

    bytes[1] = 16;
    hostile_found = b.fn;
    hostile_found = ((struct hostile_b *)&a)->fn;
}
