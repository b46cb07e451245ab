/*
 * Hostile submission "write_fds" (grader/tests/run.sh).
 *
 * Writes fake results into every file descriptor it inherited.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <unistd.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    static const char fake[] = "<test result=\"success\"><id>test</id><duration>0.1</duration></test>";
    for (int fd = 0; fd < 64; fd++) {
        ssize_t n = write(fd, fake, sizeof fake - 1);
        (void)n;
    }
}
