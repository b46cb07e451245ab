/*
 * pty_drive - run a program on a pseudo-terminal and talk to it, for the
 * shell's tests (prompts, completion, history, Ctrl-C), like a tiny
 * `expect`.
 *
 *   pty_drive [-t SECONDS] [-o TRANSCRIPT] -- PROGRAM [ARGS...]
 *
 * The script comes on stdin, one directive per line; TEXT may use the
 * escapes \n \r \t \e \\ and \xHH (\x03 is Ctrl-C, \x04 Ctrl-D, \t Tab):
 *   send TEXT      type TEXT
 *   expect TEXT    wait (up to the timeout) until TEXT appears in what the
 *                  program wrote after the previous match
 *   sleep MS       wait MS milliseconds, reading output meanwhile
 *   wait           wait for the program to exit, expect status 0
 *   status N       wait for it to exit, expect status N
 *   # ...          a comment
 * Everything the program writes goes to TRANSCRIPT (default: nowhere).
 * Exits 0 when every directive held, 1 with a message (and the end of
 * the output) on the first that did not, 2 on a usage error.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *out;              /* everything read so far */
static size_t out_len, out_cap, matched;
static int master = -1;
static FILE *transcript;
static pid_t child;
static int child_status = -1;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read what is there, waiting at most ms.  Returns 0 at EOF. */
static int pump(int ms)
{
    struct pollfd p = { .fd = master, .events = POLLIN };
    char buf[4096];
    ssize_t n;

    if (master < 0)
        return 0;
    if (poll(&p, 1, ms) <= 0)
        return 1;
    n = read(master, buf, sizeof buf);
    if (n <= 0) {
        /* EIO: the child closed the terminal */
        return 0;
    }
    if (out_len + (size_t)n + 1 > out_cap) {
        out_cap = (out_len + (size_t)n + 1) * 2;
        out = realloc(out, out_cap);
        if (!out)
            exit(3);
    }
    memcpy(out + out_len, buf, (size_t)n);
    out_len += (size_t)n;
    out[out_len] = '\0';
    if (transcript) {
        fwrite(buf, 1, (size_t)n, transcript);
        fflush(transcript);
    }
    return 1;
}

static size_t unescape(const char *s, char *dst)
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            dst[n++] = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 'n': dst[n++] = '\n'; break;
        case 'r': dst[n++] = '\r'; break;
        case 't': dst[n++] = '\t'; break;
        case 'e': dst[n++] = '\033'; break;
        case 'x':
            if (isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
                char hex[3] = { s[1], s[2], 0 };
                dst[n++] = (char)strtol(hex, NULL, 16);
                s += 2;
            }
            break;
        default: dst[n++] = *s; break;
        }
    }
    dst[n] = '\0';
    return n;
}

/* memmem on what came after the last match */
static const char *find(const char *what, size_t n)
{
    if (out_len < matched + n)
        return NULL;
    for (size_t i = matched; i + n <= out_len; i++)
        if (memcmp(out + i, what, n) == 0)
            return out + i;
    return NULL;
}

static void fail(const char *fmt, const char *arg)
{
    size_t from = out_len > 1500 ? out_len - 1500 : 0;
    fprintf(stderr, "pty_drive: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n--- the last output (escaped) ---\n");
    for (size_t i = from; i < out_len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c == '\n' || (c >= 0x20 && c < 0x7f))
            fputc(c, stderr);
        else if (c != '\r')
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\n---\n");
    if (child > 0)
        kill(child, SIGKILL);
    exit(1);
}

static void reap(double timeout)
{
    double end = now() + timeout;
    while (child_status < 0) {
        int st;
        pid_t r = waitpid(child, &st, WNOHANG);
        if (r == child) {
            child_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            break;
        }
        if (now() > end)
            fail("the program did not exit within %s s", "the timeout");
        pump(50);
    }
    /* drain */
    while (pump(20))
        ;
}

int main(int argc, char **argv)
{
    double timeout = 10;
    int i;
    char *line = NULL;
    size_t cap = 0;
    struct winsize ws = { .ws_row = 24, .ws_col = 100 };

    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            timeout = atof(argv[++i]);
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            transcript = fopen(argv[++i], "w");
            if (!transcript) {
                perror(argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: pty_drive [-t SECONDS] [-o TRANSCRIPT] -- PROGRAM [ARGS...]\n");
            return 2;
        }
    }
    if (i + 1 >= argc) {
        fprintf(stderr, "usage: pty_drive [-t SECONDS] [-o TRANSCRIPT] -- PROGRAM [ARGS...]\n");
        return 2;
    }
    child = forkpty(&master, NULL, NULL, &ws);
    if (child < 0) {
        perror("forkpty");
        return 2;
    }
    if (child == 0) {
        execvp(argv[i + 1], argv + i + 1);
        perror(argv[i + 1]);
        _exit(127);
    }
    signal(SIGPIPE, SIG_IGN);
    while (getline(&line, &cap, stdin) >= 0) {
        char text[4096];
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (strncmp(line, "send ", 5) == 0) {
            size_t n = unescape(line + 5, text);
            if (write(master, text, n) != (ssize_t)n)
                fail("could not type %s", line + 5);
            pump(10);
        } else if (strncmp(line, "expect ", 7) == 0) {
            size_t n = unescape(line + 7, text);
            double end = now() + timeout;
            const char *at;
            while (!(at = find(text, n))) {
                if (now() > end)
                    fail("did not see \"%s\" in time", line + 7);
                if (!pump(100) && !find(text, n))
                    fail("the program ended before \"%s\" appeared", line + 7);
            }
            matched = (size_t)(at - out) + n;
        } else if (strncmp(line, "sleep ", 6) == 0) {
            double end = now() + atof(line + 6) / 1000;
            while (now() < end)
                pump(20);
        } else if (strcmp(line, "wait") == 0 || strncmp(line, "status ", 7) == 0) {
            int want = line[0] == 'w' ? 0 : atoi(line + 7);
            reap(timeout);
            if (child_status != want) {
                char msg[64];
                snprintf(msg, sizeof msg, "%d, expected %d", child_status, want);
                fail("the program exited with status %s", msg);
            }
        } else {
            fprintf(stderr, "pty_drive: unknown directive: %s\n", line);
            return 2;
        }
    }
    free(line);
    if (child_status < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    if (transcript)
        fclose(transcript);
    free(out);
    return 0;
}
