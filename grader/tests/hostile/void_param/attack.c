/*
 * Hostile submission "void_param" (grader/tests/run.sh).
 *
 * Launders a pointer through a void * parameter: a helper takes void *
 * (as a callback's argument does) and reads it as a struct that holds a
 * function pointer, and is called with the address of a long.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

struct hostile_holder {
    void (*fn)(void);
};

static void (*volatile hostile_found)(void);

static void hostile_read(void *arg)
{
    struct hostile_holder *h = arg;

    hostile_found = h->fn;
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    long bits = 4096;

    hostile_read(&bits);
}
