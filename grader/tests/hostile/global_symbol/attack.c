/*
 * Hostile submission "global_symbol" (grader/tests/run.sh).
 *
 * Defines global symbols that are not part of the API (a helper that
 * should be static, a global variable).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

int hostile_counter;
int hostile_helper(void);
int hostile_helper(void)
{
    return ++hostile_counter;
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    hostile_helper();
}
