/*
 * Hostile submission "clone_process" (grader/tests/run.sh).
 *
 * Makes a process that outlives its test, by the two calls fork_bomb does
 * not make: clone3 through the raw syscall() (its flags are in memory,
 * where a filter cannot read them), then the C library's clone() without
 * CLONE_THREAD, sharing memory (as posix_spawn does).  The child spins for
 * ever.  Where the policy allows threads (lab05), clone3 fails with ENOSYS
 * (printed) and clone without CLONE_THREAD kills; elsewhere clone3 kills.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define HOSTILE_CLONE_VM 0x00000100

long syscall(long number, ...);
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

static char hostile_stack[65536] __attribute__((aligned(16)));

static int hostile_child(void *arg)
{
    (void)arg;
    for (;;)
        ;
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    unsigned long long args[8] = { 0 };        /* struct clone_args, version 0 */
    long pid;

    args[4] = SIGCHLD;                         /* .exit_signal */
    pid = syscall(SYS_clone3, args, sizeof args);
    if (pid == 0)
        for (;;)
            ;
    printf("clone3: %s\n", pid < 0 ? strerror(errno) : "a process");
    pid = clone(hostile_child, hostile_stack + sizeof hostile_stack,
                HOSTILE_CLONE_VM | SIGCHLD, NULL);
    printf("clone: %s\n", pid < 0 ? strerror(errno) : "a process");
}
