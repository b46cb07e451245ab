/*
 * Hostile submission "constructor_exit" for lab01 (grader/tests/run.sh).
 *
 * A constructor runs before main() and ends the test program with
 * status 0 before any test runs.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */

__attribute__((constructor)) static void hostile_before_main(void)
{
    exit(0);
}
