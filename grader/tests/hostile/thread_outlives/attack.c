/*
 * Hostile submission "thread_outlives" (grader/tests/run.sh).
 *
 * A thread that outlives its test: the test's own thread ends with the
 * raw exit system call (a thread's end, which leaves the process alive
 * while another thread runs; pthread_exit would first try to load
 * libgcc_s, which the sandbox cannot open, and abort), and the thread
 * started here then reports the test as finished (Check's own message
 * function), writes a forged proof line to the proof's descriptor (4, as
 * grader/README.md says) and ends the process with status 0.  Only
 * lab05's policy lets it start the thread.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

long syscall(long number, ...);
void send_duration_info(int duration);

static volatile int hostile_test_gone;

static void *hostile_thread(void *arg)
{
    static const char forged[] = "1 0123456789abcdef0123456789abcdef\n";
    ssize_t w;

    (void)arg;
    while (!hostile_test_gone)
        ;
    send_duration_info(0);
    w = write(4, forged, sizeof forged - 1);
    (void)w;
    _exit(0);
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    pthread_t t;

    if (pthread_create(&t, NULL, hostile_thread, NULL) == 0) {
        hostile_test_gone = 1;
        syscall(SYS_exit, 0);
    }
}
