/* Details of loop.h's contract that a solution can get wrong while the
 * other suites' answers still look right (tests/README.md: `make mutate`
 * found each of them).  Each test sits in the step of what it tests. */
#include "lab03_tests.h"

#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

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

Suite *make_details_suite(void)
{
    Suite *s = suite_create("details");
    TCase *timers = tcase_create("timer details"), *io = tcase_create("poll details");
    TCase *runner = tcase_create("runner details");

    tcase_add_checked_fixture(timers, setup_loop, teardown_loop);
    tcase_set_timeout(timers, LAB03_TIMEOUT);
    tcase_add_test(timers, test_the_heap_rebuilt_without_its_cancelled_timers_fires_the_rest_in_order);
    suite_add_tcase(s, timers);
    tcase_add_checked_fixture(io, setup_loop, teardown_loop);
    tcase_set_timeout(io, LAB03_TIMEOUT);
    tcase_add_test(io, test_with_a_callback_ready_poll_looks_at_the_descriptors_with_timeout_0);
    tcase_add_test(io, test_twenty_descriptors_grow_the_table_and_every_reader_runs);
    tcase_add_test(io, test_add_reader_watches_descriptor_0_like_any_other);
    suite_add_tcase(s, io);
    tcase_add_checked_fixture(runner, setup_loop, teardown_loop);
    tcase_set_timeout(runner, LAB03_TIMEOUT);
    tcase_add_test(runner, test_sleep_0_or_less_queues_the_next_step_like_a_bare_yield);
    suite_add_tcase(s, runner);
    return s;
}
