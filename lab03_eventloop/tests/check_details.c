/* Details of loop.h's contract that a solution can get wrong while the
 * other suites' answers still look right (tests/README.md: `make mutate`
 * found each of them).  Each test sits in the step of what it tests. */
#include "lab03_tests.h"

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

Suite *make_details_suite(void)
{
    Suite *s = suite_create("details");
    TCase *timers = tcase_create("timer details"), *io = tcase_create("poll details");

    tcase_add_checked_fixture(timers, setup_loop, teardown_loop);
    tcase_set_timeout(timers, LAB03_TIMEOUT);
    tcase_add_test(timers, test_the_heap_rebuilt_without_its_cancelled_timers_fires_the_rest_in_order);
    suite_add_tcase(s, timers);
    tcase_add_checked_fixture(io, setup_loop, teardown_loop);
    tcase_set_timeout(io, LAB03_TIMEOUT);
    tcase_add_test(io, test_with_a_callback_ready_poll_looks_at_the_descriptors_with_timeout_0);
    suite_add_tcase(s, io);
    return s;
}
