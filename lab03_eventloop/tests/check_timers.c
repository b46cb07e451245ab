/* Step 4: timers (call_later, call_at) in a heap, and the two clocks. */
#include "lab03_tests.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

START_TEST(test_call_later_fires_in_deadline_order)
{
    EXPECT_OK(loop_call_later(&L, 3, record_at_cb, "a", NULL));
    EXPECT_OK(loop_call_later(&L, 1, record_at_cb, "b", NULL));
    EXPECT_OK(loop_call_later(&L, 2, record_at_cb, "c", NULL));
    EXPECT_OK(loop_call_later(&L, 0.5, record_at_cb, "d", NULL));
    for (int i = 0; i < 4; i++)
        expect_run_once(1, "one timer per iteration (each is due at another time)");
    expect_trace("d@0.5 b@1 c@2 a@3", "call_later 3, 1, 2, 0.5 (the virtual clock "
                 "jumps to each deadline in turn)");
    expect_run_once(0, "all timers fired");
}
END_TEST

START_TEST(test_timers_due_together_fire_in_scheduling_order)
{
    EXPECT_OK(loop_call_later(&L, 2, record_cb, "a", NULL));
    EXPECT_OK(loop_call_at(&L, 1, record_cb, "early", NULL));
    EXPECT_OK(loop_call_at(&L, 2, record_cb, "b", NULL));
    EXPECT_OK(loop_call_later(&L, 2, record_cb, "c", NULL));
    EXPECT_OK(loop_call_at(&L, 3, record_cb, "late", NULL));
    EXPECT_OK(loop_call_at(&L, 2, record_cb, "d", NULL));
    EXPECT_OK(loop_call_later(&L, 2, record_cb, "e", NULL));
    expect_run_once(1, "the timer at 1");
    expect_run_once(5, "the five timers due at 2, in one iteration");
    expect_trace("early a b c d e", "five timers due at 2 must fire in the order "
                 "they were scheduled (hint: when two deadlines are equal, compare seq)");
    expect_run_once(1, "the timer at 3");
}
END_TEST

/* At 10, schedules call_at(now + 1.5) and call_at(12). */
static void at_ten_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("ten@%g", loop_time(loop));
    EXPECT_OK(loop_call_at(loop, 12, record_at_cb, "twelve", NULL));
    EXPECT_OK(loop_call_at(loop, loop_time(loop) + 1.5, record_at_cb, "plus1.5", NULL));
}

START_TEST(test_call_at_uses_the_loops_clock)
{
    expect_time(0, "a new virtual loop");
    EXPECT_OK(loop_call_at(&L, 10, at_ten_cb, NULL, NULL));
    expect_run_once(1, "the timer at 10");
    expect_time(10, "after the timer at 10");
    expect_run_once(1, "the timer at 11.5");
    expect_run_once(1, "the timer at 12");
    expect_trace("ten@10 plus1.5@11.5 twelve@12", "call_at 12 and call_at(time() + 1.5) at 10");
}
END_TEST

START_TEST(test_virtual_clock_starts_at_0_and_jumps_straight_to_the_next_timer)
{
    expect_time(0, "a new virtual loop");
    EXPECT_OK(loop_call_later(&L, 3600, record_at_cb, "hour", NULL));
    expect_time(0, "scheduling a timer does not move the clock");
    expect_run_once(1, "one iteration: nothing else can happen before the timer, "
                    "so the virtual clock jumps to it");
    expect_trace("hour@3600", "a timer an hour away");
    expect_time(3600, "after the jump");
}
END_TEST

/* Queues b with call_soon: the clock must not move while b is ready. */
static void then_b_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("a@%g", loop_time(loop));
    EXPECT_OK(loop_call_soon(loop, record_at_cb, "b", NULL));
}

START_TEST(test_virtual_clock_stands_still_while_callbacks_are_ready)
{
    EXPECT_OK(loop_call_later(&L, 1, record_at_cb, "timer", NULL));
    EXPECT_OK(loop_call_soon(&L, then_b_cb, NULL, NULL));
    expect_run_once(1, "iteration 1: a");
    expect_run_once(1, "iteration 2: b (queued by a; the timer is not due yet)");
    expect_run_once(1, "iteration 3: the timer");
    expect_trace("a@0 b@0 timer@1", "a queues b; a timer at 1 (the virtual clock "
                 "jumps only when no callback is ready)");
}
END_TEST

START_TEST(test_due_timers_run_after_the_callbacks_already_ready)
{
    EXPECT_OK(loop_call_later(&L, 0, record_cb, "timer", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "soon", NULL));
    expect_run_once(2, "a timer due now and a call_soon");
    expect_trace("soon timer", "call_later(0, timer) then call_soon(soon): in one "
                 "iteration the ready queue runs first, then the due timers are "
                 "appended to it (asyncio's _run_once)");
}
END_TEST

/* At 5, schedules a timer in the past (at 1). */
static void past_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("five@%g", loop_time(loop));
    EXPECT_OK(loop_call_at(loop, 1, record_at_cb, "past", NULL));
}

START_TEST(test_timer_in_the_past_runs_in_the_next_iteration)
{
    EXPECT_OK(loop_call_at(&L, 5, past_cb, NULL, NULL));
    expect_run_once(1, "the timer at 5");
    expect_run_once(1, "the timer scheduled for 1 while the clock read 5");
    expect_trace("five@5 past@5", "a timer in the past fires at once (and the "
                 "clock never goes back)");
}
END_TEST

START_TEST(test_call_later_refuses_NaN_and_infinite_times)
{
    struct loop_handle *h = (struct loop_handle *)&h;

    ck_assert_err(loop_call_later(&L, NAN, record_cb, "nan", &h), CO_EINVAL);
    ck_assert_err(loop_call_later(&L, INFINITY, record_cb, "inf", &h), CO_EINVAL);
    ck_assert_err(loop_call_at(&L, NAN, record_cb, "nan", &h), CO_EINVAL);
    ck_assert_err(loop_call_at(&L, -INFINITY, record_cb, "inf", &h), CO_EINVAL);
    ck_assert_err(loop_call_at(&L, 1, NULL, "fn", &h), CO_EINVAL);
    ck_assert_err(loop_call_later(NULL, 1, record_cb, "loop", &h), CO_EINVAL);
    ck_assert_msg(h == (struct loop_handle *)&h, "a refused call must leave *out alone");
    ck_assert_msg(loop_timer_count(&L) == 0, "refused calls must schedule nothing, "
                  "but %zu timers are in the heap", loop_timer_count(&L));
    EXPECT_OK(loop_call_later(&L, 0, record_cb, "zero", NULL));
    expect_run_once(1, "a delay of 0 is fine");
    expect_trace("zero", "only the accepted timer");
}
END_TEST

START_TEST(test_a_negative_delay_is_a_deadline_in_the_past_ordered_like_any_other)
{
    EXPECT_OK(loop_call_later(&L, 0, record_cb, "zero", NULL));
    EXPECT_OK(loop_call_later(&L, -1, record_cb, "minus1", NULL));
    EXPECT_OK(loop_call_later(&L, -2, record_cb, "minus2", NULL));
    ck_assert_msg(loop_timer_count(&L) == 3, "call_later with a negative delay is accepted "
                  "(asyncio: a deadline in the past); %zu of 3 timers are in the heap",
                  loop_timer_count(&L));
    expect_run_once(3, "three timers due at once");
    expect_trace("minus2 minus1 zero", "call_later(0), (-1), (-2) in that order: asyncio "
                 "runs them by deadline, -2 first, whatever the order of scheduling");
    ck_assert_msg(loop_time(&L) == 0, "the clock never goes back: it reads %g", loop_time(&L));
}
END_TEST

/* Re-arms itself one second later, five times. */
static int hops;

static void hop_cb(struct loop *loop, void *arg)
{
    (void)arg;
    trace("hop@%g", loop_time(loop));
    if (++hops < 5)
        EXPECT_OK(loop_call_later(loop, 1, hop_cb, NULL, NULL));
}

START_TEST(test_timer_callback_can_schedule_the_next_timer_from_its_own_time)
{
    hops = 0;
    EXPECT_OK(loop_call_later(&L, 1, hop_cb, NULL, NULL));
    expect_run_forever(CO_EDONE, "five hops, then nothing is left");
    expect_trace("hop@1 hop@2 hop@3 hop@4 hop@5", "a timer that re-arms itself for "
                 "1 s later");
}
END_TEST

/* 1,000,000 timers: each checks that it fires after the previous one in
 * (when, scheduling order). */
struct tick {
    double when;
    long long k;
};
static struct tick *ticks;
static long long fired;
static double last_when;
static long long last_k;

static void tick_cb(struct loop *loop, void *arg)
{
    const struct tick *t = arg;

    if (t->when < last_when || (t->when == last_when && t->k < last_k))
        ck_abort_msg("timer %lld (due %g) fired after timer %lld (due %g): the heap "
                     "lost its order", t->k, t->when, last_k, last_when);
    if (loop_time(loop) != t->when)
        ck_abort_msg("timer %lld due at %g fired at %g", t->k, t->when, loop_time(loop));
    last_when = t->when;
    last_k = t->k;
    fired++;
}

START_TEST(test_one_million_timers_fire_in_order_and_leak_nothing)
{
    const long long n = 1000000;
    unsigned long long x = 12345;
    struct loop big;
    size_t before;
    int r;

    loop_destroy(&L);
    ticks = malloc(n * sizeof *ticks);
    ck_assert_msg(ticks != NULL, "out of memory for the test's own table");
    before = heap_in_use();
    ck_assert_err(loop_init(&big, LOOP_CLOCK_VIRTUAL), CO_OK);
    for (long long k = 0; k < n; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;   /* an LCG */
        ticks[k].when = (double)((x >> 33) % 200000) / 4;           /* many ties */
        ticks[k].k = k;
        r = loop_call_at(&big, ticks[k].when, tick_cb, &ticks[k], NULL);
        if (r != CO_OK)
            ck_abort_msg("call_at #%lld returned %s", k, co_errname(r));
    }
    ck_assert_msg(loop_timer_count(&big) == (size_t)n, "%lld timers scheduled, "
                  "loop_timer_count says %zu", n, loop_timer_count(&big));
    fired = 0;
    last_when = -1;
    last_k = -1;
    r = loop_run_forever(&big);
    ck_assert_msg(r == CO_EDONE, "run_forever over 1,000,000 timers should return "
                  "CO_EDONE once all fired, got %s", co_errname(r));
    ck_assert_msg(fired == n, "%lld of %lld timers fired", fired, n);
    ck_assert_msg(loop_handles_in_use(&big) == 0 && loop_timer_count(&big) == 0,
                  "after all fired: %zu handles in use, %zu timers left",
                  loop_handles_in_use(&big), loop_timer_count(&big));
    ck_assert_err(loop_destroy(&big), CO_OK);
    expect_heap_back(before, "a loop made, given 1,000,000 timers, run and destroyed");
    free(ticks);
    ck_assert_err(loop_init(&L, LOOP_CLOCK_VIRTUAL), CO_OK);
}
END_TEST

START_TEST(test_monotonic_clock_follows_the_real_clock_and_fires_overdue_timers)
{
    struct loop m;
    struct timespec ts;
    double t0, real, t1;
    int r;

    ck_assert_err(loop_init(&m, LOOP_CLOCK_MONOTONIC), CO_OK);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    real = ts.tv_sec + ts.tv_nsec * 1e-9;
    t0 = loop_time(&m);
    ck_assert_msg(fabs(t0 - real) < 1.0, "a monotonic loop's time should be "
                  "CLOCK_MONOTONIC in seconds (%.3f), it reads %.3f", real, t0);
    /* Both are due already: no real waiting may happen. */
    r = loop_call_at(&m, t0 - 1, record_cb, "overdue", NULL);
    ck_assert_msg(r == CO_OK, "call_at on a monotonic loop: %s", co_errname(r));
    r = loop_call_later(&m, 0, record_cb, "now", NULL);
    ck_assert_msg(r == CO_OK, "call_later(0) on a monotonic loop: %s", co_errname(r));
    r = loop_run_once(&m);
    ck_assert_msg(r == 2, "one iteration should fire both due timers, it returned "
                  "%d (%s)", r, r < 0 ? co_errname(r) : "callbacks called");
    expect_trace("overdue now", "two due timers on the real clock");
    t1 = loop_time(&m);
    ck_assert_msg(t1 >= t0 && t1 - t0 < 1.0, "the monotonic clock went from %.6f to %.6f",
                  t0, t1);
    ck_assert_err(loop_destroy(&m), CO_OK);
}
END_TEST

START_TEST(test_timer_count_and_timer_at_show_the_heap)
{
    static const double whens[] = { 5, 3, 8, 1, 4, 1 };
    struct loop_handle *h[6];

    for (int i = 0; i < 6; i++)
        EXPECT_OK(loop_call_at(&L, whens[i], record_cb, "t", &h[i]));
    ck_assert_msg(loop_timer_count(&L) == 6, "6 timers scheduled: loop_timer_count "
                  "says %zu", loop_timer_count(&L));
    ck_assert_msg(loop_timer_at(&L, 0) == h[3], "slot 0 of the heap should hold the "
                  "earliest timer (due 1, the first of the two due 1)");
    for (size_t i = 1; i < 6; i++)
        ck_assert_msg(!loop_handle_before(loop_timer_at(&L, i), loop_timer_at(&L, (i - 1) / 2)),
                      "heap slot %zu (due %g) comes before its parent, slot %zu (due %g)",
                      i, loop_timer_at(&L, i)->when, (i - 1) / 2,
                      loop_timer_at(&L, (i - 1) / 2)->when);
    ck_assert_msg(loop_timer_at(&L, 6) == NULL, "loop_timer_at past the end must be NULL");
    expect_loop_check("six timers in the heap");
    expect_run_once(2, "the two timers due at 1");
    ck_assert_msg(loop_timer_count(&L) == 4 && loop_timer_at(&L, 0)->when == 3,
                  "after the two at 1 fired: 4 timers left, the next due 3");
    expect_loop_check("after popping two");
}
END_TEST

START_TEST(test_handle_order_is_deadline_then_scheduling_order)
{
    struct loop_handle *a, *b, *c;

    EXPECT_OK(loop_call_at(&L, 2, record_cb, "a", &a));
    EXPECT_OK(loop_call_at(&L, 1, record_cb, "b", &b));
    EXPECT_OK(loop_call_at(&L, 2, record_cb, "c", &c));
    ck_assert_msg(loop_handle_before(b, a) && !loop_handle_before(a, b),
                  "due 1 must come before due 2");
    ck_assert_msg(loop_handle_before(a, c) && !loop_handle_before(c, a),
                  "two timers due at 2: the one scheduled first comes first");
    ck_assert_msg(!loop_handle_before(a, a), "a handle does not come before itself");
    ck_assert_msg(a->seq < b->seq && b->seq < c->seq, "seq must grow with each "
                  "scheduling call (%llu, %llu, %llu)", a->seq, b->seq, c->seq);
}
END_TEST

/* ---- cancelled timers ----------------------------------------------------- */

START_TEST(test_cancelled_timer_never_fires_and_the_others_keep_their_order)
{
    struct loop_handle *h[4];
    static const char *const words[] = { "a", "b", "c", "d" };

    for (int i = 0; i < 4; i++)
        EXPECT_OK(loop_call_later(&L, 1 + i % 2, record_at_cb, (void *)words[i], &h[i]));
    ck_assert_err(loop_handle_cancel(h[2]), CO_OK);       /* c, due at 1 */
    expect_run_forever(CO_EDONE, "a@1 b@2 c@1 d@2 with c cancelled");
    expect_trace("a@1 b@2 d@2", "timers a@1 b@2 c@1 d@2, c cancelled");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "%zu handles still in use",
                  loop_handles_in_use(&L));
}
END_TEST

START_TEST(test_cancelled_timers_at_the_top_are_dropped_before_waiting)
{
    struct loop_handle *h;

    EXPECT_OK(loop_call_at(&L, 5, record_at_cb, "cancelled", &h));
    EXPECT_OK(loop_call_at(&L, 7, record_at_cb, "seven", NULL));
    ck_assert_err(loop_handle_cancel(h), CO_OK);
    expect_run_once(1, "the first iteration after cancelling the timer at 5");
    expect_trace("seven@7", "the cancelled timer at 5 is dropped first, so the "
                 "loop waits for (jumps to) 7 at once (asyncio's _run_once step 1)");
}
END_TEST

START_TEST(test_cancelling_most_timers_makes_the_loop_drop_them)
{
    enum { N = 1000 };
    static struct loop_handle *h[N];
    size_t left;

    for (int i = 0; i < N; i++) {
        EXPECT_OK(loop_call_at(&L, 10 + i, record_cb, "", &h[i]));
    }
    for (int i = 0; i < N; i++)
        if (i % 10 != 0)
            ck_assert_err(loop_handle_cancel(h[i]), CO_OK);
    ck_assert_msg(loop_timer_count(&L) == N, "cancelled timers stay in the heap "
                  "until the loop drops them: expected %d, loop_timer_count says %zu",
                  N, loop_timer_count(&L));
    ck_assert_msg(L.timers_cancelled == 900, "900 timers cancelled: "
                  "timers_cancelled says %zu", L.timers_cancelled);
    expect_loop_check("900 of 1000 timers cancelled");
    expect_run_once(1, "the first iteration (the timer at 10 fires)");
    left = loop_timer_count(&L);
    ck_assert_msg(left == 99, "with 900 of 1000 timers cancelled (more than half of "
                  "more than 100), one iteration must rebuild the heap without them: "
                  "expected 99 timers left after the first fired, got %zu", left);
    ck_assert_msg(L.timers_cancelled == 0, "after the rebuild timers_cancelled "
                  "should be 0, got %zu", L.timers_cancelled);
    expect_loop_check("after the rebuild");
    ck_assert_msg(loop_handles_in_use(&L) == 99, "the dropped handles must be "
                  "recycled: %zu in use, expected 99", loop_handles_in_use(&L));
}
END_TEST

Suite *make_timers_suite(void)
{
    Suite *s = suite_create("timers");
    TCase *order = tcase_create("ordering");
    TCase *clock = tcase_create("clocks");
    TCase *cancel = tcase_create("cancelled timers");
    TCase *scale = tcase_create("scale");

    tcase_add_checked_fixture(order, setup_loop, teardown_loop);
    tcase_set_timeout(order, LAB03_TIMEOUT);
    tcase_add_test(order, test_call_later_fires_in_deadline_order);
    tcase_add_test(order, test_timers_due_together_fire_in_scheduling_order);
    tcase_add_test(order, test_call_at_uses_the_loops_clock);
    tcase_add_test(order, test_due_timers_run_after_the_callbacks_already_ready);
    tcase_add_test(order, test_timer_in_the_past_runs_in_the_next_iteration);
    tcase_add_test(order, test_call_later_refuses_NaN_and_infinite_times);
    tcase_add_test(order, test_a_negative_delay_is_a_deadline_in_the_past_ordered_like_any_other);
    tcase_add_test(order, test_timer_callback_can_schedule_the_next_timer_from_its_own_time);
    tcase_add_test(order, test_timer_count_and_timer_at_show_the_heap);
    tcase_add_test(order, test_handle_order_is_deadline_then_scheduling_order);
    suite_add_tcase(s, order);

    tcase_add_checked_fixture(clock, setup_loop, teardown_loop);
    tcase_set_timeout(clock, LAB03_TIMEOUT);
    tcase_add_test(clock, test_virtual_clock_starts_at_0_and_jumps_straight_to_the_next_timer);
    tcase_add_test(clock, test_virtual_clock_stands_still_while_callbacks_are_ready);
    tcase_add_test(clock, test_monotonic_clock_follows_the_real_clock_and_fires_overdue_timers);
    suite_add_tcase(s, clock);

    tcase_add_checked_fixture(cancel, setup_loop, teardown_loop);
    tcase_set_timeout(cancel, LAB03_TIMEOUT);
    tcase_add_test(cancel, test_cancelled_timer_never_fires_and_the_others_keep_their_order);
    tcase_add_test(cancel, test_cancelled_timers_at_the_top_are_dropped_before_waiting);
    tcase_add_test(cancel, test_cancelling_most_timers_makes_the_loop_drop_them);
    suite_add_tcase(s, cancel);

    tcase_add_checked_fixture(scale, setup_loop, teardown_loop);
    tcase_set_timeout(scale, 24 * LAB03_TIMEOUT);     /* valgrind and ASan on a busy machine are slow */
    tcase_add_test(scale, test_one_million_timers_fire_in_order_and_leak_nothing);
    suite_add_tcase(s, scale);
    return s;
}
