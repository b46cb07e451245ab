/*
 * Hostile submission "stack_hack" (grader/tests/run.sh).
 *
 * Reads the call stack's frame address (the first step to returning past
 * the test's checks).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

static void *volatile hostile_frame;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    hostile_frame = __builtin_frame_address(0);
}
