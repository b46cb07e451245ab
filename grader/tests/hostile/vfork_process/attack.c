/*
 * Hostile submission "vfork_process" (grader/tests/run.sh).
 *
 * Makes a process with vfork, a system call of its own (fork_bomb's fork
 * is a clone), whose child spins for ever instead of calling exec.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <sys/types.h>
#include <unistd.h>

pid_t vfork(void);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    if (vfork() == 0)
        for (;;)
            ;
}
