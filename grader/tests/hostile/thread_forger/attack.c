/*
 * Hostile submission "thread_forger" (grader/tests/run.sh).
 *
 * A second thread that reports the running test as finished (with
 * Check's own message function) and ends the process with status 0,
 * while the test itself waits: Check sees a success, only the proof says
 * the test function never returned.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <pthread.h>
#include <unistd.h>

void send_duration_info(int duration);

static volatile int hostile_spin = 1;

static void *hostile_thread(void *arg)
{
    (void)arg;
    send_duration_info(0);
    _exit(0);
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    pthread_t t;

    if (pthread_create(&t, NULL, hostile_thread, NULL) == 0)
        while (hostile_spin)
            ;
}
