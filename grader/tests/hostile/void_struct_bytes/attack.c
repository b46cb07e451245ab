/*
 * Hostile submission "void_struct_bytes" (grader/tests/run.sh).
 *
 * Reaches the function pointer a struct holds through a void *: the
 * struct's address becomes a void *, the void * a long *, and the long
 * written there is then called as code (here: only stored).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

struct hostile_holder {
    long pad;
    void (*fn)(void);
};

static void hostile_nothing(void)
{
}

static void (*volatile hostile_found)(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    struct hostile_holder h = { 0, hostile_nothing };
    void *v = &h;
    long *words = v;

    words[1] = 4096;
    hostile_found = h.fn;
}
