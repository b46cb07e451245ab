/*
 * Hostile submission "proof_thief" (grader/tests/run.sh).
 *
 * The whole forgery, for a lab that lets a submission call read and
 * write: take the running test's secret from the descriptor it is parked
 * on, write it to the proof file (descriptor 4, as grader/README.md
 * says) as the record of every test number, send Check's end-of-test
 * record and leave with status 0.  It also tries to map the proof file
 * and to duplicate the secret's descriptor.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

void send_duration_info(int duration);

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    char secret[32], line[64];

    for (int fd = 3; fd < 16; fd++) {
        if (fd == 4 || read(fd, secret, sizeof secret) != (ssize_t)sizeof secret)
            continue;
        for (int n = 1; n < 200; n++) {         /* the proof file is descriptor 4 */
            int len = snprintf(line, sizeof line, "%d %.32s\n", n, secret);
            ssize_t w = write(4, line, (size_t)len);

            (void)w;
        }
    }
    (void)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, 4, 0);
    (void)dup(3);
    send_duration_info(0);
    _exit(0);
}
