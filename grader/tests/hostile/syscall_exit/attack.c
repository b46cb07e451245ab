/*
 * Hostile submission "syscall_exit" (grader/tests/run.sh).
 *
 * Ends the process through the raw syscall() function.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <sys/syscall.h>
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    syscall(SYS_exit_group, 0);
}
