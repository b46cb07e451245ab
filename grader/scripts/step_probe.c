/*
 * step_probe.c - linked into the step programs of `make test` (steps.sh),
 * and only there: it names every call that reaches a skeleton function.
 *
 * steps.sh compiles the pristine skeleton with -finstrument-functions, so
 * that each of its functions calls __cyg_profile_func_enter on entry.  In
 * the program of step k the functions of steps 1..k are the reference's
 * (not instrumented) and the skeleton keeps only the later steps' TODOs:
 * an entry here is a test of step k reaching a later step's function,
 * whoever made the call (the test, its helpers, a generator body it
 * drives, given code).  Unlike reading the tests' relocations, this sees
 * only the calls a test really makes: a helper that would call yf_resume
 * on a second resume, never done in a step-2 test, is not one.
 *
 * With CO_STEP_CALLS=FILE in the environment each entry appends a line
 * "TEST FUNCTION" to FILE (one write(), O_APPEND: the test processes Check
 * forks share it); without it the probe does nothing.  TEST is Check's
 * name of the running test, FUNCTION the entered function's global name
 * (the program is linked with -rdynamic for dladdr); static helpers of the
 * skeleton (and inline ones of the headers) are not reported, only what
 * they are called from.  A process looks each function up once.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NO_PROBE __attribute__((no_instrument_function))

void __cyg_profile_func_enter(void *fn, void *site) NO_PROBE;
void __cyg_profile_func_exit(void *fn, void *site) NO_PROBE;

/* The functions this process has looked up (a process runs one test;
 * a test with threads takes turns). */
static void *seen[256];
static int nseen;
static pid_t seen_by;
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static int seen_before(void *fn) NO_PROBE;
static int seen_before(void *fn)
{
    int i, was = 0;

    pthread_mutex_lock(&seen_lock);
    if (seen_by != getpid()) {
        seen_by = getpid();
        nseen = 0;
    }
    for (i = 0; i < nseen && !was; i++)
        was = seen[i] == fn;
    if (!was && nseen < (int)(sizeof seen / sizeof seen[0]))
        seen[nseen++] = fn;
    pthread_mutex_unlock(&seen_lock);
    return was;
}

void __cyg_profile_func_enter(void *fn, void *site)
{
    const char *path = getenv("CO_STEP_CALLS"), *test;
    char line[512];
    Dl_info info;
    size_t n, m;
    int fd;

    (void)site;
    if (!path || seen_before(fn))
        return;
    if (!dladdr(fn, &info) || !info.dli_sname || info.dli_saddr != fn)
        return;
    test = tcase_name();
    if (!test)
        test = "?";
    n = strlen(test);
    m = strlen(info.dli_sname);
    if (n + m + 2 > sizeof line)
        return;
    memcpy(line, test, n);
    line[n] = ' ';
    memcpy(line + n + 1, info.dli_sname, m);
    line[n + m + 1] = '\n';
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    if (write(fd, line, n + m + 2) < 0) {
        /* a lost line makes the check miss a call: nothing else to do */
    }
    close(fd);
}

void __cyg_profile_func_exit(void *fn, void *site)
{
    (void)fn;
    (void)site;
}
