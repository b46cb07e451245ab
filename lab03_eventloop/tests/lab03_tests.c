/* The checks lab03's tests share; each message says what a student
 * would need to know to fix the failure.  Each why_*() returns NULL when
 * the check holds, else the message (in a buffer reused by the next
 * call: a failing check stops the test at once, so one is enough). */
#include "lab03_tests.h"

#include "co_invariant.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>

struct loop L;


void setup_loop(void)
{
    trace_reset();
    ck_assert_err(loop_init(&L, LOOP_CLOCK_VIRTUAL), CO_OK);
}

void teardown_loop(void)
{
    loop_destroy(&L);
}

/* ---- the trace (co_testkit.h) ----------------------------------------- */

void record_cb(struct loop *loop, void *arg)
{
    (void)loop;
    trace("%s", (const char *)arg);
}

void record_at_cb(struct loop *loop, void *arg)
{
    trace("%s@%g", (const char *)arg, loop_time(loop));
}

/* ---- the checks --------------------------------------------------------- */

const char *why_not_run_once(int want, const char *situation)
{
    int r = loop_run_once(&L);

    if (r == want)
        return NULL;
    if (r < 0)
        return co_why("%s: loop_run_once should call %d callback(s) and return %d, but "
                   "it failed with %s%s (trace so far: \"%s\")", situation, want,
                   want, co_errname(r), todo_hint(r, NULL), trace_text());
    return co_why("%s: loop_run_once should call %d callback(s) and return %d, but it "
               "returned %d (trace so far: \"%s\")", situation, want, want, r,
               trace_text());
}

const char *why_not_run_forever(int want, const char *situation)
{
    int r = loop_run_forever(&L);

    if (r != want)
        return co_why("%s: loop_run_forever should return %s, got %s%s (trace so far: "
                   "\"%s\")", situation, co_errname(want), co_errname(r),
                   todo_hint(r, NULL), trace_text());
    return NULL;
}

const char *why_not_time(double want, const char *situation)
{
    double got = loop_time(&L);

    if (got != want)
        return co_why("%s: the virtual clock should read %g, it reads %g",
                   situation, want, got);
    return NULL;
}

const char *why_not_loop_check(const char *situation)
{
    char why[CO_INVARIANT_MAX];
    const char *broken = loop_check_why(&L, why, sizeof why);

    if (broken)
        return co_why("%s: loop_check fails: %s (the invariants are above struct loop "
                      "and struct loop_handle in loop.h)", situation, broken);
    return NULL;
}

/* ---- watching poll() ---------------------------------------------------- */

int __poll(struct pollfd *fds, nfds_t nfds, int timeout);   /* the C library's */

static const struct loop *watched;
static double watched_when;
static struct poll_watch watch;

void poll_watch_start(const struct loop *loop, double when)
{
    watched = loop;
    watched_when = when;
    watch = (struct poll_watch){ 0 };
}

struct poll_watch poll_watch_stop(void)
{
    watched = NULL;
    return watch;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    if (watched) {
        double left = watched_when - loop_time(watched);

        watch.calls++;
        watch.last_ms = timeout;
        /* 1 us of slack for the rounding of ms / 1000.0 */
        if (timeout >= 0 && left - timeout / 1000.0 > 1e-6 && !watch.early) {
            watch.early = true;
            watch.early_ms = timeout;
            watch.early_left = left;
        }
    }
    return __poll(fds, nfds, timeout);
}
