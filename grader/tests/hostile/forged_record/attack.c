/*
 * Hostile submission "forged_record" (grader/tests/run.sh).
 *
 * Sends Check's runner the record that says "this test ran to its end",
 * with Check's own message function, and leaves with status 0 before the
 * test's checks run: Check itself then reports every test as passed.
 * Only the proof (grader/README.md) tells the grader otherwise.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>

void send_duration_info(int duration);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    send_duration_info(0);
    _exit(0);
}
