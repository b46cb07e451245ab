/*
 * Hostile submission "interpose_exit" (grader/tests/run.sh).
 *
 * Defines _exit() itself: when a failed check ends the test process with
 * _exit(1), this _exit turns it into status 0, so every failure would
 * look like a pass to Check.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <sys/syscall.h>
#include <unistd.h>

void _exit(int status)
{
    (void)status;
    syscall(SYS_exit_group, 0);
    for (;;)
        ;
}
