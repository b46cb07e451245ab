/* Step 5: run_forever, stop and close, and callbacks that do all three. */
#include "lab03_tests.h"

#include <string.h>
#include <unistd.h>

/* Records its word, then stops the loop. */
static void stop_cb(struct loop *loop, void *arg)
{
    trace("%s", (const char *)arg);
    loop_stop(loop);
}

/* Records its word, queues x, then stops the loop. */
static void stop_and_queue_x_cb(struct loop *loop, void *arg)
{
    trace("%s", (const char *)arg);
    EXPECT_OK(loop_call_soon(loop, record_cb, "x", NULL));
    loop_stop(loop);
}

START_TEST(test_run_forever_runs_until_a_callback_calls_stop)
{
    EXPECT_OK(loop_call_later(&L, 1, record_at_cb, "one", NULL));
    EXPECT_OK(loop_call_later(&L, 2, record_at_cb, "two", NULL));
    EXPECT_OK(loop_call_later(&L, 3, stop_cb, "stop", NULL));
    EXPECT_OK(loop_call_later(&L, 4, record_at_cb, "four", NULL));
    expect_run_forever(CO_OK, "timers at 1, 2, 3 (calls stop) and 4");
    expect_trace("one@1 two@2 stop", "run_forever until the timer at 3 stops it");
    expect_time(3, "run_forever returned at 3");
    ck_assert_msg(loop_timer_count(&L) == 1, "the timer at 4 must still be waiting "
                  "(%zu timers left)", loop_timer_count(&L));
}
END_TEST

START_TEST(test_stop_lets_the_current_iteration_finish)
{
    EXPECT_OK(loop_call_soon(&L, stop_and_queue_x_cb, "a", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "b", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "c", NULL));
    expect_run_forever(CO_OK, "a calls stop");
    expect_trace("a b c", "a stops the loop and queues x: b and c were already "
                 "queued for this iteration and still run; x waits (asyncio: stop "
                 "lets the current iteration finish)");
    ck_assert_msg(loop_ready_count(&L) == 1 && loop_ready_at(&L, 0)->arg != NULL &&
                  strcmp(loop_ready_at(&L, 0)->arg, "x") == 0,
                  "x should be waiting in the ready queue (count %zu)",
                  loop_ready_count(&L));
}
END_TEST

START_TEST(test_stop_before_run_forever_runs_exactly_one_iteration)
{
    EXPECT_OK(loop_call_soon(&L, stop_and_queue_x_cb, "a", NULL));
    EXPECT_OK(loop_call_later(&L, 1, record_at_cb, "timer", NULL));
    loop_stop(&L);
    ck_assert_msg(!loop_is_running(&L), "loop_stop must not run anything");
    expect_trace("", "loop_stop before run_forever runs nothing by itself");
    expect_run_forever(CO_OK, "stop was called before run_forever");
    expect_trace("a", "one iteration: a runs; x (queued by a) and the timer at 1 "
                 "wait, and the clock does not jump while stopping");
    expect_time(0, "the loop was stopping, so it did not wait for the timer");
}
END_TEST

START_TEST(test_loop_runs_again_after_stop)
{
    EXPECT_OK(loop_call_soon(&L, stop_cb, "a", NULL));
    EXPECT_OK(loop_call_later(&L, 1, stop_cb, "b", NULL));
    EXPECT_OK(loop_call_later(&L, 2, record_at_cb, "c", NULL));
    expect_run_forever(CO_OK, "run 1: a stops it");
    expect_run_forever(CO_OK, "run 2: b stops it (the first stop is used up)");
    expect_run_forever(CO_EDONE, "run 3: c, then nothing is left");
    expect_trace("a b c@2", "three runs of one loop");
    ck_assert_msg(!loop_is_running(&L), "loop_is_running after run_forever returned");
}
END_TEST

START_TEST(test_run_forever_returns_EDONE_when_nothing_is_left)
{
    EXPECT_OK(loop_call_soon(&L, record_cb, "a", NULL));
    EXPECT_OK(loop_call_later(&L, 5, record_at_cb, "b", NULL));
    expect_run_forever(CO_EDONE, "a and a timer, no stop (asyncio would wait "
                       "forever; this loop returns CO_EDONE)");
    expect_trace("a b@5", "everything ran before run_forever returned");
}
END_TEST

/* Inside a callback: the calls that would re-enter the loop. */
static int inner_once, inner_forever, inner_close, inner_destroy;
static bool inner_running;

static void reenter_cb(struct loop *loop, void *arg)
{
    (void)arg;
    inner_running = loop_is_running(loop);
    inner_once = loop_run_once(loop);
    inner_forever = loop_run_forever(loop);
    inner_close = loop_close(loop);
    inner_destroy = loop_destroy(loop);
    trace("inner");
}

START_TEST(test_run_once_run_forever_close_and_destroy_refuse_inside_a_callback)
{
    inner_once = inner_forever = inner_close = inner_destroy = 12345;
    inner_running = false;
    ck_assert_msg(!loop_is_running(&L), "a new loop is not running");
    EXPECT_OK(loop_call_soon(&L, reenter_cb, NULL, NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "after", NULL));
    expect_run_once(2, "a callback that tries to re-enter the loop, then another");
    ck_assert_msg(inner_running, "loop_is_running must be true inside a callback");
    ck_assert_msg(inner_once == CO_ESTATE, "loop_run_once inside a callback: expected "
                  "CO_ESTATE, got %s", co_errname(inner_once));
    ck_assert_msg(inner_forever == CO_ESTATE, "loop_run_forever inside a callback: "
                  "expected CO_ESTATE, got %s", co_errname(inner_forever));
    ck_assert_msg(inner_close == CO_ESTATE, "loop_close inside a callback: expected "
                  "CO_ESTATE (asyncio: cannot close a running event loop), got %s",
                  co_errname(inner_close));
    ck_assert_msg(inner_destroy == CO_ESTATE, "loop_destroy inside a callback: expected "
                  "CO_ESTATE, got %s", co_errname(inner_destroy));
    expect_trace("inner after", "the loop goes on after the refused calls");
    ck_assert_msg(!loop_is_running(&L), "loop_is_running after run_once returned");
    ck_assert_msg(!loop_is_closed(&L), "the refused close must not close the loop");
}
END_TEST

START_TEST(test_close_drops_everything_and_refuses_scheduling_with_ECLOSED)
{
    struct loop_handle *h = (struct loop_handle *)&h;

    /* (Descriptors and spawned generators on a closed loop are tested with
     * their steps: check_io.c and check_spawn.c.) */
    EXPECT_OK(loop_call_soon(&L, record_cb, "soon", NULL));
    EXPECT_OK(loop_call_later(&L, 1, record_cb, "later", NULL));
    EXPECT_OK(loop_call_at(&L, 2, record_cb, "at", NULL));
    ck_assert_err(loop_close(&L), CO_OK);
    ck_assert_msg(loop_is_closed(&L), "loop_is_closed after loop_close");
    ck_assert_msg(loop_handles_in_use(&L) == 0 && loop_ready_count(&L) == 0 &&
                  loop_timer_count(&L) == 0 && loop_io_count(&L) == 0,
                  "a closed loop holds nothing: %zu handles in use, %zu ready, "
                  "%zu timers, %zu descriptors", loop_handles_in_use(&L),
                  loop_ready_count(&L), loop_timer_count(&L), loop_io_count(&L));
    ck_assert_err(loop_call_soon(&L, record_cb, "x", &h), CO_ECLOSED);
    ck_assert_err(loop_call_later(&L, 1, record_cb, "x", &h), CO_ECLOSED);
    ck_assert_err(loop_call_at(&L, 1, record_cb, "x", &h), CO_ECLOSED);
    ck_assert_err(loop_run_once(&L), CO_ECLOSED);
    ck_assert_err(loop_run_forever(&L), CO_ECLOSED);
    ck_assert_msg(h == (struct loop_handle *)&h, "refused calls must leave *out alone");
    expect_trace("", "close never calls the dropped callbacks");
    expect_loop_check("a closed loop");
}
END_TEST

START_TEST(test_close_twice_is_harmless_and_destroy_frees_pending_handles)
{
    struct loop other;
    size_t before;

    ck_assert_err(loop_close(NULL), CO_EINVAL);
    ck_assert_err(loop_close(&L), CO_OK);
    ck_assert_err(loop_close(&L), CO_OK);
    ck_assert_msg(loop_is_closed(&L), "closed twice: still closed");
    before = heap_in_use();
    ck_assert_err(loop_init(&other, LOOP_CLOCK_VIRTUAL), CO_OK);
    for (int i = 0; i < 100; i++) {
        EXPECT_OK(loop_call_soon(&other, record_cb, "never", NULL));
        EXPECT_OK(loop_call_later(&other, i, record_cb, "never", NULL));
    }
    ck_assert_err(loop_destroy(&other), CO_OK);     /* without closing first */
    expect_heap_back(before, "a loop destroyed with 200 pending handles");
    expect_trace("", "destroy never calls the dropped callbacks");
}
END_TEST

/* The story of a callback that does everything at once:
 *   at 0, `boss` queues `soon`, arms `later` (+1) and `doomed` (+0.5),
 *   cancels `doomed`, and stops the loop. */
static struct loop_handle *doomed;

static void boss_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("boss@%g", loop_time(loop));
    EXPECT_OK(loop_call_soon(loop, record_at_cb, "soon", NULL));
    EXPECT_OK(loop_call_later(loop, 1, record_at_cb, "later", NULL));
    EXPECT_OK(loop_call_later(loop, 0.5, record_at_cb, "doomed", &doomed));
    ck_assert_err(loop_handle_cancel(doomed), CO_OK);
    doomed = NULL;
    loop_stop(loop);
    trace("stopped");
}

START_TEST(test_callbacks_may_schedule_cancel_and_stop_freely)
{
    EXPECT_OK(loop_call_soon(&L, boss_cb, NULL, NULL));
    EXPECT_OK(loop_call_soon(&L, record_at_cb, "peer", NULL));
    expect_run_forever(CO_OK, "boss schedules, cancels and stops");
    expect_trace("boss@0 stopped peer@0", "the first run (peer was already "
                 "queued: it runs before the stop takes effect)");
    expect_run_forever(CO_EDONE, "the second run");
    expect_trace("boss@0 stopped peer@0 soon@0 later@1", "the second run: "
                 "soon, then later at 1; doomed was cancelled");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "%zu handles still in use",
                  loop_handles_in_use(&L));
    expect_loop_check("after both runs");
}
END_TEST

Suite *make_run_suite(void)
{
    Suite *s = suite_create("run");
    TCase *run = tcase_create("run_forever and stop");
    TCase *cls = tcase_create("close");

    tcase_add_checked_fixture(run, setup_loop, teardown_loop);
    tcase_set_timeout(run, LAB03_TIMEOUT);
    tcase_add_test(run, test_run_forever_runs_until_a_callback_calls_stop);
    tcase_add_test(run, test_stop_lets_the_current_iteration_finish);
    tcase_add_test(run, test_stop_before_run_forever_runs_exactly_one_iteration);
    tcase_add_test(run, test_loop_runs_again_after_stop);
    tcase_add_test(run, test_run_forever_returns_EDONE_when_nothing_is_left);
    tcase_add_test(run, test_run_once_run_forever_close_and_destroy_refuse_inside_a_callback);
    tcase_add_test(run, test_callbacks_may_schedule_cancel_and_stop_freely);
    suite_add_tcase(s, run);

    tcase_add_checked_fixture(cls, setup_loop, teardown_loop);
    tcase_set_timeout(cls, LAB03_TIMEOUT);
    tcase_add_test(cls, test_close_drops_everything_and_refuses_scheduling_with_ECLOSED);
    tcase_add_test(cls, test_close_twice_is_harmless_and_destroy_frees_pending_handles);
    suite_add_tcase(s, cls);
    return s;
}
