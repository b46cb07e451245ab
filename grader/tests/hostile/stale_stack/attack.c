/*
 * Hostile submission "stale_stack" (grader/tests/run.sh).
 *
 * Passes an address through the stack, with no conversion at all: one
 * call leaves a function pointer in a local, the next call, at the same
 * depth, reads its own local that was never written and calls it.  With
 * the address of code inside the binary, that calls anything.  Under the
 * grader every local starts zeroed: the pointer is null, and the call
 * crashes the test.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static void hostile_nothing(void)
{
}

static void (*volatile hostile_sink)(void);

__attribute__((noinline)) static void hostile_leave(void)
{
    void (*volatile fn[8])(void);

    for (int i = 0; i < 8; i++)
        fn[i] = hostile_nothing;
    hostile_sink = fn[7];
}

__attribute__((noinline)) static void hostile_take(void)
{
    void (*volatile fn[8])(void);

    fn[7]();                                 /* never written here */
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    hostile_leave();
    hostile_take();
}
