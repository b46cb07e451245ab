/* Details of loop.h's contract that a solution can get wrong while the
 * other suites' answers still look right (tests/README.md: `make mutate`
 * found each of them).  Each test sits in the step of what it tests. */
#include "lab03_tests.h"

#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* ---- step 6: an empty loop on the real clock ----------------------------- */

/* Rings 100 ms after the test arms it: a loop that waits in poll() with
 * nothing to wait for is woken (EINTR) instead of hanging the test. */
static void on_alarm(int sig)
{
    (void)sig;
}

/* Nothing scheduled at all (no callback, no timer, no descriptor): run_once
 * returns 0 at once on either clock.  On the real clock, a loop that takes
 * "no timer" for "wait for a descriptor" calls poll(..., -1) on no
 * descriptor at all, which never returns. */
START_TEST(test_run_once_on_an_empty_real_clock_loop_returns_without_polling)
{
    struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = 100000 } }, off = { 0 };
    struct sigaction sa, old;
    struct poll_watch w;
    struct loop m;
    int r;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;               /* no SA_RESTART: poll sees EINTR */
    sigemptyset(&sa.sa_mask);
    ck_assert_msg(sigaction(SIGALRM, &sa, &old) == 0, "test setup: sigaction");
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_MONOTONIC));
    ck_assert_msg(setitimer(ITIMER_REAL, &it, NULL) == 0, "test setup: setitimer");
    poll_watch_start(&m, 0);
    r = loop_run_once(&m);
    w = poll_watch_stop();
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old, NULL);
    ck_assert_msg(r == 0, "run_once on an empty real-clock loop should return 0, it "
                  "returned %d (%s)", r, r < 0 ? co_errname(r) : "callbacks called");
    ck_assert_msg(w.calls == 0, "run_once on an empty real-clock loop (no callback, no "
                  "timer, no descriptor) must return at once, but it called poll %d "
                  "time(s), the last with timeout %d ms: nothing could ever wake it "
                  "(hint: wait with no limit (-1) only when a descriptor is watched: "
                  "n_io > 0; with nothing at all, return 0)", w.calls, w.last_ms);
    EXPECT_OK(loop_destroy(&m));
}
END_TEST

/* ---- step 4: the heap rebuilt without its cancelled timers ------------- */

static double fired[256];
static int n_fired;

static void fire_cb(struct loop *loop, void *arg)
{
    (void)loop;
    if (n_fired < 256)
        fired[n_fired++] = *(const double *)arg;
}

/* Many shapes of heap, most of each cancelled: the rebuild (more than half
 * of more than 100 cancelled) must sift every node down within the timers
 * kept, never comparing with a slot past the end (where a cancelled,
 * released timer may still lie).  (No ck_assert in the loops: each
 * passing check is recorded in a file of limited size that Check shares
 * with the runner.) */
START_TEST(test_the_heap_rebuilt_without_its_cancelled_timers_fires_the_rest_in_order)
{
    static double when[256];
    static struct loop_handle *h[256];
    int shapes = 0;

    for (int n = 101; n <= 180; n++) {
        for (int pattern = 0; pattern < 3; pattern++) {
            struct loop m;
            int kept = 0, r = CO_OK;
            char what[120];

            snprintf(what, sizeof what, "%d timers at a shuffled 1..%d s, all but every "
                     "third cancelled (pattern %d)", n, n, pattern);
            if (loop_init(&m, LOOP_CLOCK_VIRTUAL) != CO_OK)
                ck_abort_msg("%s: loop_init failed", what);
            for (int k = 0; k < n && r == CO_OK; k++) {
                when[k] = 1 + (double)((k * 7919 + pattern * 13) % n);
                r = loop_call_at(&m, when[k], fire_cb, &when[k], &h[k]);
            }
            if (r != CO_OK)
                ck_abort_msg("%s: call_at failed with %s", what, co_errname(r));
            for (int k = 0; k < n; k++)
                if ((k + pattern) % 3 != 0)
                    loop_handle_cancel(h[k]);
                else
                    kept++;
            n_fired = 0;
            for (int it = 0; it < 2 * n && loop_timer_count(&m) > 0; it++)
                if ((r = loop_run_once(&m)) < 0)
                    ck_abort_msg("%s: run_once failed with %s", what, co_errname(r));
            if (n_fired != kept)
                ck_abort_msg("%s: %d timers were kept, %d fired (hint: when the heap is "
                             "rebuilt, sift down within the %d timers kept: a child index c "
                             "is inside only if c < count)", what, kept, n_fired, kept);
            for (int i = 1; i < n_fired; i++)
                if (fired[i - 1] >= fired[i])
                    ck_abort_msg("%s: the timers kept fired out of order: %g after %g "
                                 "(hint: the rebuilt heap must be a heap again: sift each "
                                 "parent down, from the last one up)", what, fired[i],
                                 fired[i - 1]);
            if (loop_destroy(&m) != CO_OK)
                ck_abort_msg("%s: loop_destroy failed", what);
            shapes++;
        }
    }
    ck_assert_msg(shapes == 240, "240 heaps, %d checked", shapes);
}
END_TEST

/* n timers due at 1, 2, ..., n s; the last `cancel` of them cancelled (so
 * the one on top is not), then one iteration (the timer at 1 fires).
 * Returns the timers left in the heap; *cancelled_left = timers_cancelled. */
static size_t timers_left_after_cancelling(int n, int cancel, size_t *cancelled_left)
{
    static double when[256];
    static struct loop_handle *h[256];
    struct loop m;
    size_t left;
    int r;

    ck_assert_msg(n <= 256 && cancel < n, "test setup: %d timers, %d cancelled", n, cancel);
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_VIRTUAL));
    for (int k = 0; k < n; k++) {
        when[k] = 1 + k;
        if ((r = loop_call_at(&m, when[k], fire_cb, &when[k], &h[k])) != CO_OK)
            ck_abort_msg("%d timers: call_at #%d failed with %s", n, k, co_errname(r));
    }
    for (int k = n - cancel; k < n; k++)
        if ((r = loop_handle_cancel(h[k])) != CO_OK)
            ck_abort_msg("%d timers: cancel #%d failed with %s", n, k, co_errname(r));
    n_fired = 0;
    r = loop_run_once(&m);
    ck_assert_msg(r == 1 && n_fired == 1 && fired[0] == 1, "%d timers at 1..%d s, the last "
                  "%d cancelled: one iteration should fire the timer at 1 only; run_once "
                  "returned %d", n, n, cancel, r);
    left = loop_timer_count(&m);
    *cancelled_left = m.timers_cancelled;
    EXPECT_OK(loop_destroy(&m));
    return left;
}

/* loop.h (loop_handle_cancel): a cancelled timer stays in the heap until it
 * reaches the top, or until cancelled timers are MORE than half of a heap
 * of MORE than 100; only then is the heap rebuilt without them (asyncio's
 * numbers).  Both bounds are strict. */
START_TEST(test_the_heap_is_rebuilt_only_when_more_than_half_of_more_than_100_are_cancelled)
{
    static const struct { int n, cancel; bool rebuilt; const char *why; } cases[] = {
        { 100, 99, false, "a heap of exactly 100 is not more than 100" },
        { 200, 100, false, "exactly half is not more than half" },
        { 200, 80, false, "80 of 200 is less than half" },
        { 200, 10, false, "a few cancelled in a big heap" },
        { 20, 15, false, "a small heap is never rebuilt, however many are cancelled" },
        { 101, 51, true, "51 of 101: more than half of more than 100" },
        { 200, 101, true, "101 of 200: more than half of more than 100" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = cases[i].n, cancel = cases[i].cancel;
        size_t cancelled_left;
        size_t left = timers_left_after_cancelling(n, cancel, &cancelled_left);
        size_t want = cases[i].rebuilt ? (size_t)(n - 1 - cancel) : (size_t)(n - 1);
        size_t want_cancelled = cases[i].rebuilt ? 0 : (size_t)cancel;

        ck_assert_msg(left == want && cancelled_left == want_cancelled,
                      "%d timers at 1..%d s, the last %d cancelled, one iteration (the "
                      "timer at 1 fires): %s, so the heap %s; expected %zu timers left "
                      "(%zu of them cancelled), got %zu (%zu cancelled) (hint: rebuild "
                      "when count > 100 && timers_cancelled * 2 > count)", n, n, cancel,
                      cases[i].why, cases[i].rebuilt ? "is rebuilt without them" :
                      "keeps them until they reach the top", want, want_cancelled, left,
                      cancelled_left);
    }
}
END_TEST

/* A cancelled timer is no reason to wait: the only timer, cancelled, is
 * dropped in step 1 of the iteration, which then has nothing to wait for. */
START_TEST(test_a_lone_cancelled_timer_is_dropped_before_the_clock_could_jump_to_it)
{
    struct loop_handle *h;

    EXPECT_OK(loop_call_at(&L, 5, record_at_cb, "cancelled", &h));
    EXPECT_OK(loop_handle_cancel(h));
    expect_run_once(0, "the only timer (at 5) is cancelled");
    ck_assert_msg(loop_timer_count(&L) == 0 && L.timers_cancelled == 0, "the cancelled "
                  "timer on top of the heap should be dropped before waiting: %zu timers "
                  "left, timers_cancelled %zu (hint: drop cancelled timers while the heap "
                  "is not empty, down to the last one)", loop_timer_count(&L),
                  L.timers_cancelled);
    expect_time(0, "nothing but a cancelled timer was scheduled, so the virtual clock "
                "has no reason to jump to 5");
    expect_trace("", "the cancelled timer never runs");
}
END_TEST

/* Cancels the timer `victim` points at (due in the same iteration, queued
 * behind this one), after checking that it is READY in the ready queue. */
static struct loop_handle *due_victim;

static void cancel_due_victim_cb(struct loop *loop, void *arg)
{
    const struct loop_handle *next = loop_ready_at(loop, 0);

    (void)arg;
    trace("a");
    ck_assert_msg(next == due_victim && next->state == LOOP_HANDLE_READY,
                  "two timers due at 1: while the first runs, the second should wait "
                  "first in the ready queue in state READY (%d), but the queue's first "
                  "entry is %s in state %d (hint: a due timer moved to the ready queue "
                  "goes SCHEDULED -> READY, loop.h)", LOOP_HANDLE_READY,
                  next == due_victim ? "that timer" : "another handle",
                  next ? (int)next->state : -1);
    ck_assert_msg(loop_handle_cancel(due_victim) == CO_OK, "cancelling a due timer "
                  "queued behind the running callback should be CO_OK");
    due_victim = NULL;
}

START_TEST(test_a_due_timer_cancelled_by_an_earlier_callback_of_its_iteration_never_runs)
{
    EXPECT_OK(loop_call_at(&L, 1, cancel_due_victim_cb, NULL, NULL));
    EXPECT_OK(loop_call_at(&L, 1, record_cb, "b", &due_victim));
    EXPECT_OK(loop_call_at(&L, 2, record_cb, "c", NULL));
    expect_run_once(1, "two timers due at 1, the first cancelling the second");
    expect_trace("a", "a cancels b, due with it and queued behind it");
    ck_assert_msg(L.timers_cancelled == 0, "the cancelled timer was in the ready queue, "
                  "not in the heap: timers_cancelled (cancelled handles still in timers) "
                  "should be 0, it is %zu", L.timers_cancelled);
    expect_loop_check("after b was cancelled in the ready queue");
    expect_run_once(1, "then c at 2");
    expect_trace("a c", "c fires at 2");
    expect_run_once(0, "nothing is left");
}
END_TEST

/* ---- step 6: poll's timeout -------------------------------------------- */

/* A callback ready means "don't wait": poll looks at the descriptors with
 * timeout 0, exactly; rounding the timeout up (step 6: never wake early)
 * must not turn 0 into 1 ms, which would make every busy iteration of a
 * loop with a descriptor sleep a millisecond. */
START_TEST(test_with_a_callback_ready_poll_looks_at_the_descriptors_with_timeout_0)
{
    struct loop m;
    struct poll_watch w;
    int p[2], r;

    ck_assert_msg(pipe(p) == 0, "test setup: pipe() failed");
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_MONOTONIC));
    EXPECT_OK(loop_add_reader(&m, p[0], record_cb, "never"));
    EXPECT_OK(loop_call_soon(&m, record_cb, "soon", NULL));
    poll_watch_start(&m, 0);
    r = loop_run_once(&m);
    w = poll_watch_stop();
    ck_assert_msg(r == 1, "one callback ready, one reader with nothing to read: run_once "
                  "should call 1 callback, it called %d", r);
    ck_assert_msg(w.calls == 1 && w.last_ms == 0, "with a callback ready, the iteration "
                  "must look at its descriptors without waiting: one poll(..., 0), but "
                  "poll was called %d times, the last with timeout %d ms (hint: a timeout "
                  "of 0 s is 0 ms: round up only what is not a whole number of ms, "
                  "if (ms < timeout * 1000) ms++)", w.calls, w.last_ms);
    EXPECT_OK(loop_destroy(&m));
    close(p[0]);
    close(p[1]);
}
END_TEST

/* ---- step 6: the descriptor table ------------------------------------ */

static int read_calls;

/* Reads one byte and counts. */
static void read_one_cb(struct loop *loop, void *arg)
{
    char c;

    (void)loop;
    if (read(*(const int *)arg, &c, 1) == 1)
        read_calls++;
}

/* loop.h: io and pollfds hold cap_io entries each, and n_io <= cap_io.  A
 * table that does not grow (or a pollfds block sized wrongly) overflows
 * the heap: the C library's malloc_usable_size says how big each block
 * really is. */
static const char *why_not_table_room(const char *situation)
{
    const char *broken = why_not_loop_check(situation);
    size_t io_room = L.io ? malloc_usable_size(L.io) : 0;
    size_t pfd_room = L.pollfds ? malloc_usable_size(L.pollfds) : 0;

    if (broken)
        return broken;
    if (io_room < L.cap_io * sizeof *L.io || pfd_room < L.cap_io * sizeof *L.pollfds)
        return co_why("%s: loop.h says io and pollfds hold cap_io = %zu entries each: "
                      "%zu bytes of struct loop_io and %zu of struct pollfd, but their "
                      "blocks have %zu and %zu bytes (hint: grow both arrays with "
                      "realloc(p, cap * sizeof *p), the same cap for both)", situation,
                      L.cap_io, L.cap_io * sizeof *L.io, L.cap_io * sizeof *L.pollfds,
                      io_room, pfd_room);
    return NULL;
}
#define expect_table_room(situation) CO_EXPECT(why_not_table_room(situation))

/* Twenty descriptors: more than any first table holds, so it must grow
 * (more than once for a small first capacity), and every reader runs. */
START_TEST(test_twenty_descriptors_grow_the_table_and_every_reader_runs)
{
    enum { N = 20 };
    int p[N][2], made = 0;
    char what[80];

    read_calls = 0;
    for (; made < N; made++) {
        if (pipe(p[made]) != 0)
            break;
        ck_assert_msg(write(p[made][1], "x", 1) == 1, "test setup: write failed");
        snprintf(what, sizeof what, "after add_reader on descriptor %d of 20", made + 1);
        EXPECT_OK(loop_add_reader(&L, p[made][0], read_one_cb, &p[made][0]));
        expect_table_room(what);
    }
    ck_assert_msg(made == N, "test setup: pipe() failed after %d pipes", made);
    ck_assert_msg(loop_io_count(&L) == N, "20 readers on 20 descriptors: loop_io_count "
                  "should be 20, it is %zu", loop_io_count(&L));
    expect_run_once(N, "20 readers, each with a byte to read");
    ck_assert_msg(read_calls == N, "every one of the 20 readers should have read its byte, "
                  "%d did (hint: poll all n_io entries of pollfds)", read_calls);
    expect_loop_check("after the 20 readers ran");
    for (int i = 0; i < N; i++) {
        loop_remove_reader(&L, p[i][0]);
        close(p[i][0]);
        close(p[i][1]);
    }
}
END_TEST

/* Descriptor 0 is a descriptor like any other (stdin, or whatever took
 * its number): only a negative one is refused. */
START_TEST(test_add_reader_watches_descriptor_0_like_any_other)
{
    int saved = dup(0), p[2];

    ck_assert_msg(saved >= 0, "test setup: dup(0) failed");
    close(0);
    ck_assert_msg(pipe(p) == 0 && p[0] == 0, "test setup: a pipe made after close(0) "
                  "should read from descriptor 0");
    read_calls = 0;
    ck_assert_msg(write(p[1], "x", 1) == 1, "test setup: write failed");
    ck_assert_msg(loop_add_reader(&L, 0, read_one_cb, &p[0]) == CO_OK, "loop_add_reader "
                  "on descriptor 0 (an open pipe) should be CO_OK, it is %s (hint: "
                  "descriptors start at 0; refuse only fd < 0 and closed ones)",
                  co_errname(loop_add_reader(&L, 0, read_one_cb, &p[0])));
    expect_run_once(1, "a reader on descriptor 0 with a byte to read");
    ck_assert_msg(read_calls == 1, "the reader on descriptor 0 should have read its byte");
    ck_assert_msg(loop_remove_reader(&L, 0) == 1, "loop_remove_reader(0) should return 1");
    close(p[1]);
    dup2(saved, 0);
    close(saved);
}
END_TEST

/* A timer two days away: poll may wait long (asyncio caps one wait at a
 * day), never not at all.  With a byte waiting in a pipe, poll is called
 * once with a timeout of an hour or more (or none) and returns at once. */
START_TEST(test_poll_waits_long_for_a_timer_two_days_away)
{
    struct poll_watch w;
    struct loop m;
    int p[2];

    ck_assert_msg(pipe(p) == 0 && write(p[1], "x", 1) == 1, "test setup: a pipe");
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_MONOTONIC));
    EXPECT_OK(loop_call_later(&m, 2 * 86400.0, record_cb, "never", NULL));
    EXPECT_OK(loop_add_reader(&m, p[0], read_one_cb, &p[0]));
    read_calls = 0;
    poll_watch_start(&m, 0);
    loop_run_once(&m);
    w = poll_watch_stop();
    ck_assert_msg(w.calls == 1 && (w.last_ms < 0 || w.last_ms >= 3600 * 1000)
                  && read_calls == 1,
                  "a real-clock loop whose next timer is two days away, with a byte "
                  "waiting in a watched pipe: run_once should call poll once with a long "
                  "timeout (asyncio waits a day at most), not 0, and run the reader; it "
                  "called poll %d time(s), the last with %d ms, and the reader ran %d "
                  "time(s) (hint: every branch that computes the timeout must set it)",
                  w.calls, w.last_ms, read_calls);
    loop_remove_reader(&m, p[0]);
    close(p[0]);
    close(p[1]);
    EXPECT_OK(loop_destroy(&m));
}
END_TEST

/* ---- step 7: sleep(0) ------------------------------------------------- */

/* Yields loop_sleep(0), says "g1", yields loop_sleep(-1), says "g2". */
struct sleep0_frame {
    struct loop_request req;
};

static enum gen_step sleep0_body(struct gen *g, void *frame)
{
    struct sleep0_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, loop_sleep(&f->req, 0));
    trace("g1");
    GEN_YIELD(g, loop_sleep(&f->req, -1));
    trace("g2");
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

/* Queues "b" for the next iteration. */
static void then_b_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("a");
    ck_assert_msg(loop_call_soon(loop, record_cb, "b", NULL) == CO_OK, "call_soon failed");
}

/* asyncio.sleep(0) (and any delay <= 0) is a bare yield: the task's next
 * step is queued with call_soon, never put on a timer.  A timer due now
 * would run after the callbacks queued behind the step. */
START_TEST(test_sleep_0_or_less_queues_the_next_step_like_a_bare_yield)
{
    struct gen *g = gen_new("g", sleep0_body, sizeof(struct sleep0_frame));
    struct loop_runner r;
    int rc;

    ck_assert_msg(g != NULL, "gen_new failed");
    rc = loop_spawn(&L, &r, g, NULL, NULL);
    ck_assert_msg(rc == CO_OK, "loop_spawn: expected CO_OK, got %s%s", co_errname(rc),
                  todo_hint(rc, NULL));
    EXPECT_OK(loop_call_soon(&L, then_b_cb, NULL, NULL));
    expect_run_once(2, "g's first step (it yields loop_sleep(0)), then a");
    ck_assert_msg(loop_timer_count(&L) == 0 && r.step != NULL &&
                  loop_ready_at(&L, 0) == r.step && r.waiting == LOOP_WAIT_NOTHING,
                  "after yielding loop_sleep(0) the runner's next step should be queued "
                  "like call_soon (asyncio.sleep(0) is a bare yield), first in the ready "
                  "queue, waiting for nothing; got %zu timer(s), waiting %d (hint: a delay "
                  "<= 0 is not a timer)", loop_timer_count(&L), (int)r.waiting);
    expect_run_once(2, "g's second step (it yields loop_sleep(-1)), then b");
    ck_assert_msg(loop_timer_count(&L) == 0 && r.waiting == LOOP_WAIT_NOTHING,
                  "after yielding loop_sleep(-1) the runner's next step should be queued "
                  "like call_soon too; got %zu timer(s), waiting %d", loop_timer_count(&L),
                  (int)r.waiting);
    expect_run_once(1, "g's last step");
    expect_trace("a g1 b g2", "g yields sleep(0) while a queues b behind it: asyncio runs "
                 "g on before b");
    gen_free(g);
}
END_TEST

/* ---- step 7: what a runner says between its steps ----------------------- */

/* Waits for fd to be readable, then a bare yield; sleeps 1 s, then a bare
 * yield; returns.  Each step notes r's waiting and fd in the trace. */
struct between_frame {
    int fd;
    const struct loop_runner *r;
    struct loop_request req;
};

static void note_runner(const char *when, const struct loop_runner *r)
{
    trace("%s:%d/%d", when, (int)r->waiting, r->fd);
}

static enum gen_step between_body(struct gen *g, void *frame)
{
    struct between_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, loop_readable(&f->req, f->fd));
    note_runner("read", f->r);
    GEN_YIELD(g, co_none());
    note_runner("soon", f->r);
    GEN_YIELD(g, loop_sleep(&f->req, 1));
    note_runner("woke", f->r);
    GEN_YIELD(g, co_none());
    note_runner("soon", f->r);
    GEN_END(g);
}

/* loop.h: r->waiting is NOTHING while the runner's step runs or is
 * queued, and r->fd is -1 unless it waits for a descriptor: what the last
 * wait was is forgotten as soon as it is over. */
START_TEST(test_a_runner_forgets_what_it_waited_for_once_it_is_resumed)
{
    struct gen *g = NEW_GEN(gen_new("between", between_body, sizeof(struct between_frame)));
    struct between_frame *f = gen_frame(g);
    struct loop_runner r;
    int p[2];
    char what[64];

    ck_assert_msg(pipe(p) == 0, "test setup: pipe() failed");
    ck_assert_msg(write(p[1], "x", 1) == 1, "test setup: write failed");
    f->fd = p[0];
    f->r = &r;
    EXPECT_OK(loop_spawn(&L, &r, g, NULL, NULL));
    expect_run_forever(CO_EDONE, "a generator that waits for a readable pipe, yields, "
                       "sleeps 1 s and yields");
    snprintf(what, sizeof what, "read:%d/-1 soon:%d/-1 woke:%d/-1 soon:%d/-1",
             LOOP_WAIT_NOTHING, LOOP_WAIT_NOTHING, LOOP_WAIT_NOTHING, LOOP_WAIT_NOTHING);
    expect_trace(what, "inside each step the runner waits for nothing (waiting/fd: "
                 "LOOP_WAIT_NOTHING = 0, fd -1): what it waited for before is over (hint: "
                 "at the start of each step, after removing the reader or writer, set "
                 "r->waiting = LOOP_WAIT_NOTHING and r->fd = -1)");
    ck_assert_msg(r.finished && r.waiting == LOOP_WAIT_NOTHING && r.fd == -1,
                  "a finished runner waits for nothing, fd -1 (finished %d, waiting %d, "
                  "fd %d)", r.finished, (int)r.waiting, r.fd);
    gen_free(g);
    close(p[0]);
    close(p[1]);
}
END_TEST

Suite *make_details_suite(void)
{
    Suite *s = suite_create("details");
    TCase *timers = tcase_create("timer details"), *io = tcase_create("poll details");
    TCase *runner = tcase_create("runner details");

    tcase_add_checked_fixture(timers, setup_loop, teardown_loop);
    tcase_set_timeout(timers, LAB03_TIMEOUT);
    tcase_add_test(timers, test_the_heap_rebuilt_without_its_cancelled_timers_fires_the_rest_in_order);
    tcase_add_test(timers, test_the_heap_is_rebuilt_only_when_more_than_half_of_more_than_100_are_cancelled);
    tcase_add_test(timers, test_a_lone_cancelled_timer_is_dropped_before_the_clock_could_jump_to_it);
    tcase_add_test(timers, test_a_due_timer_cancelled_by_an_earlier_callback_of_its_iteration_never_runs);
    suite_add_tcase(s, timers);
    tcase_add_checked_fixture(io, setup_loop, teardown_loop);
    tcase_set_timeout(io, LAB03_TIMEOUT);
    tcase_add_test(io, test_with_a_callback_ready_poll_looks_at_the_descriptors_with_timeout_0);
    tcase_add_test(io, test_twenty_descriptors_grow_the_table_and_every_reader_runs);
    tcase_add_test(io, test_add_reader_watches_descriptor_0_like_any_other);
    tcase_add_test(io, test_poll_waits_long_for_a_timer_two_days_away);
    tcase_add_test(io, test_run_once_on_an_empty_real_clock_loop_returns_without_polling);
    suite_add_tcase(s, io);
    tcase_add_checked_fixture(runner, setup_loop, teardown_loop);
    tcase_set_timeout(runner, LAB03_TIMEOUT);
    tcase_add_test(runner, test_sleep_0_or_less_queues_the_next_step_like_a_bare_yield);
    tcase_add_test(runner, test_a_runner_forgets_what_it_waited_for_once_it_is_resumed);
    suite_add_tcase(s, runner);
    return s;
}
