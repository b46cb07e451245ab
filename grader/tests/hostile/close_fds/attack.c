/*
 * Hostile submission "close_fds" (grader/tests/run.sh).
 *
 * Closes every file descriptor it inherited (Check talks to its runner
 * through one).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    for (int fd = 0; fd < 1024; fd++)
        close(fd);
}
