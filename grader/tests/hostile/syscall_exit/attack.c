/*
 * Hostile submission "syscall_exit" for lab01 (grader/tests/run.sh).
 *
 * Ends the process through the raw syscall() function.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include <sys/syscall.h>
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    syscall(SYS_exit_group, 0);
}
