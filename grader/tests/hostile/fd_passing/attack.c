/*
 * Hostile submission "fd_passing" (grader/tests/run.sh).
 *
 * Hands the descriptor the test's secret is parked on to itself over a
 * socket pair (SCM_RIGHTS), so that it arrives under a number no rule
 * knows, then reads it.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    int sv[2], fd = 3;
    char data = 'x', ctl[CMSG_SPACE(sizeof fd)], secret[32];
    struct iovec iov = { &data, 1 };
    struct msghdr msg = { 0 };
    struct cmsghdr *c;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof ctl;
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof fd);
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    if (sendmsg(sv[0], &msg, 0) == 1 && recvmsg(sv[1], &msg, 0) == 1) {
        memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&msg)), sizeof fd);
        (void)read(fd, secret, sizeof secret);
    }
}
