/* Steps 2 and 3: the ready queue (call_soon, run_once) and cancelling. */
#include "lab03_tests.h"

#include <stdint.h>
#include <stdio.h>

/* ---- call_soon --------------------------------------------------------- */

START_TEST(test_call_soon_runs_callbacks_in_FIFO_order)
{
    static const char *const words[] = { "a", "b", "c", "d", "e" };

    for (int i = 0; i < 5; i++)
        EXPECT_OK(loop_call_soon(&L, record_cb, (void *)words[i], NULL));
    expect_run_once(5, "five call_soon callbacks");
    expect_trace("a b c d e", "call_soon a, b, c, d, e");
}
END_TEST

/* Records its word and queues record_cb("x"). */
static void schedule_x_cb(struct loop *loop, void *arg)
{
    trace("%s", (const char *)arg);
    EXPECT_OK(loop_call_soon(loop, record_cb, "x", NULL));
}

START_TEST(test_callbacks_scheduled_during_an_iteration_wait_for_the_next)
{
    EXPECT_OK(loop_call_soon(&L, schedule_x_cb, "a", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "b", NULL));
    expect_run_once(2, "iteration 1: a (which queues x) and b");
    expect_trace("a b", "iteration 1 (x was queued by a while the iteration ran: "
                 "it must wait for the next one; hint: count the ready callbacks "
                 "before calling any)");
    expect_run_once(1, "iteration 2");
    expect_trace("a b x", "iteration 2 runs x");
}
END_TEST

START_TEST(test_run_once_with_nothing_scheduled_returns_0_at_once)
{
    expect_run_once(0, "an empty loop (nothing can ever run: return, don't wait)");
    EXPECT_OK(loop_call_soon(&L, record_cb, "a", NULL));
    expect_run_once(1, "one callback");
    expect_run_once(0, "the loop is empty again");
    expect_trace("a", "a then nothing");
    expect_time(0, "no timer ever existed, so the clock never moved");
}
END_TEST

/* arg is the callback's number; they must run 0, 1, 2, ...; order_hint
 * says where to look when they do not. */
static long long next_expected;
static const char *order_hint = "the ready queue is first in, first out";

static void count_cb(struct loop *loop, void *arg)
{
    long long k = (long long)(intptr_t)arg;

    (void)loop;
    if (k != next_expected)
        ck_abort_msg("callback %lld ran when callback %lld was due: the ready "
                     "queue lost its order (hint: %s)", k, next_expected, order_hint);
    next_expected++;
}

START_TEST(test_ready_queue_wraps_around_in_order_without_growing)
{
    long long k = 0;
    char what[96];

    /* Never more than 15 queued: the ring keeps its first 16 slots, and
     * head and the tail wrap around them again and again. */
    next_expected = 0;
    order_hint = "the queue never held more than 15 entries, so it never grew: "
                 "look at how ring_pop advances head (head = (head + 1) & (cap - 1)) "
                 "and where ring_push writes (slots[(head + count) & (cap - 1)])";
    for (int round = 0; round < 40; round++) {
        int n = (round * 5) % 13 + 3;
        long long first = k;
        for (int i = 0; i < n; i++, k++)
            EXPECT_OK(loop_call_soon(&L, count_cb, (void *)(intptr_t)k, NULL));
        snprintf(what, sizeof what, "round %d: callbacks %lld..%lld", round, first, k - 1);
        expect_loop_check(what);
        expect_run_once(n, what);
        expect_loop_check(what);
    }
    ck_assert_msg(next_expected == k, "%lld callbacks queued, %lld ran", k, next_expected);
}
END_TEST

START_TEST(test_ready_queue_keeps_its_order_as_it_wraps_and_grows)
{
    long long k = 0;
    char what[96];

    next_expected = 0;
    order_hint = "when the ring grows, copy the entries from head onwards, wrapping "
                 "around (if test_ready_queue_wraps_around_in_order_without_growing "
                 "fails too, look at ring_pop first)";
    for (int round = 0; round < 60; round++) {
        int n = (round * 7) % 23 + 1 + (round == 40 ? 300 : 0);
        long long first = k;
        for (int i = 0; i < n; i++, k++)
            EXPECT_OK(loop_call_soon(&L, count_cb, (void *)(intptr_t)k, NULL));
        ck_assert_msg(loop_ready_count(&L) == (size_t)n,
                      "round %d: %d callbacks queued, loop_ready_count says %zu",
                      round, n, loop_ready_count(&L));
        snprintf(what, sizeof what, "round %d: callbacks %lld..%lld", round, first, k - 1);
        expect_loop_check(what);
        expect_run_once(n, what);
    }
    ck_assert_msg(next_expected == k, "%lld callbacks queued, %lld ran", k, next_expected);
}
END_TEST

START_TEST(test_call_soon_refuses_NULL_and_never_calls_back)
{
    struct loop_handle *h = (struct loop_handle *)&h;   /* a marker: must stay */

    ck_assert_err(loop_call_soon(NULL, record_cb, "a", &h), CO_EINVAL);
    ck_assert_err(loop_call_soon(&L, NULL, "a", &h), CO_EINVAL);
    ck_assert_msg(h == (struct loop_handle *)&h, "a refused call_soon must leave *out alone");
    EXPECT_OK(loop_call_soon(&L, record_cb, "b", &h));
    ck_assert_msg(h != NULL && h != (struct loop_handle *)&h,
                  "call_soon should give the new handle in *out");
    ck_assert_msg(h->fn == record_cb && h->kind == LOOP_HANDLE_SOON &&
                  h->state == LOOP_HANDLE_READY && h->loop == &L,
                  "the handle should be a READY LOOP_HANDLE_SOON of this loop, "
                  "calling record_cb (kind %d, state %d)", (int)h->kind, (int)h->state);
    expect_run_once(1, "only the accepted callback");
    expect_trace("b", "the refused callbacks must never run");
}
END_TEST

START_TEST(test_one_million_call_soons_run_in_order_and_leak_nothing)
{
    const long long n = 1000000;
    struct loop big;
    size_t before;
    int r;

    loop_destroy(&L);                       /* measure with nothing else around */
    before = heap_in_use();
    ck_assert_err(loop_init(&big, LOOP_CLOCK_VIRTUAL), CO_OK);
    next_expected = 0;
    for (long long k = 0; k < n; k++) {
        r = loop_call_soon(&big, count_cb, (void *)(intptr_t)k, NULL);
        if (r != CO_OK)
            ck_abort_msg("call_soon #%lld returned %s", k, co_errname(r));
    }
    r = loop_run_once(&big);
    ck_assert_msg(r == n, "one iteration should run all %lld callbacks, it ran %d", n, r);
    ck_assert_msg(loop_handles_in_use(&big) == 0, "after everything ran the loop "
                  "still holds %zu handles (hint: recycle each handle after its "
                  "callback returns)", loop_handles_in_use(&big));
    ck_assert_err(loop_destroy(&big), CO_OK);
    expect_heap_back(before, "a loop made, given 1,000,000 callbacks, run and destroyed");
    ck_assert_err(loop_init(&L, LOOP_CLOCK_VIRTUAL), CO_OK);   /* for the teardown */
}
END_TEST

START_TEST(test_ready_count_and_ready_at_show_the_queue_in_order)
{
    struct loop_handle *h[3];
    static const char *const words[] = { "a", "b", "c" };

    for (int i = 0; i < 3; i++)
        EXPECT_OK(loop_call_soon(&L, record_cb, (void *)words[i], &h[i]));
    ck_assert_msg(loop_ready_count(&L) == 3, "3 callbacks queued: loop_ready_count "
                  "says %zu", loop_ready_count(&L));
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(loop_ready_at(&L, i) == h[i], "loop_ready_at(%zu) should be the "
                      "handle of callback %s (queue order)", i, words[i]);
    ck_assert_msg(loop_ready_at(&L, 3) == NULL, "loop_ready_at past the end must be NULL");
    ck_assert_msg(loop_handles_in_use(&L) == 3, "3 queued handles: in use %zu",
                  loop_handles_in_use(&L));
    expect_run_once(3, "the three callbacks");
    ck_assert_msg(loop_ready_count(&L) == 0 && loop_handles_in_use(&L) == 0,
                  "after the iteration the queue should be empty (%zu) and every "
                  "handle recycled (%zu in use)", loop_ready_count(&L),
                  loop_handles_in_use(&L));
}
END_TEST

/* ---- cancel -------------------------------------------------------------- */

START_TEST(test_cancelled_callback_never_runs_and_the_others_keep_their_order)
{
    static const char *const words[] = { "a", "b", "c", "d" };
    struct loop_handle *h[4];

    for (int i = 0; i < 4; i++)
        EXPECT_OK(loop_call_soon(&L, record_cb, (void *)words[i], &h[i]));
    ck_assert_err(loop_handle_cancel(h[1]), CO_OK);
    expect_run_once(3, "a, c and d (b was cancelled)");
    expect_trace("a c d", "b cancelled before the iteration");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "the cancelled handle must be "
                  "recycled too: %zu still in use", loop_handles_in_use(&L));
}
END_TEST

static struct loop_handle *victim, *self_handle;
static int cancel_result;

static void cancel_victim_cb(struct loop *loop, void *arg)
{
    (void)loop;
    trace("%s", (const char *)arg);
    cancel_result = loop_handle_cancel(victim);
    victim = NULL;                      /* forget it: rule 1 */
}

START_TEST(test_callback_can_cancel_one_queued_later_in_the_same_iteration)
{
    EXPECT_OK(loop_call_soon(&L, cancel_victim_cb, "a", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "b", NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "c", &victim));
    EXPECT_OK(loop_call_soon(&L, record_cb, "d", NULL));
    expect_run_once(3, "a (cancels c), b, d");
    ck_assert_err(cancel_result, CO_OK);
    expect_trace("a b d", "a cancels c, queued later in the same iteration");
}
END_TEST

static void cancel_self_cb(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    cancel_result = loop_handle_cancel(self_handle);
    trace("ran");
}

START_TEST(test_cancel_of_a_running_callback_is_EDONE)
{
    cancel_result = 12345;
    EXPECT_OK(loop_call_soon(&L, cancel_self_cb, NULL, &self_handle));
    expect_run_once(1, "a callback that cancels its own handle");
    ck_assert_msg(cancel_result == CO_EDONE, "cancelling a handle whose callback is "
                  "running should fail with CO_EDONE (too late), got %s",
                  co_errname(cancel_result));
    expect_trace("ran", "the self-cancelling callback");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "its handle must still be recycled "
                  "after it returns: %zu in use", loop_handles_in_use(&L));
}
END_TEST

START_TEST(test_cancel_twice_is_ECANCELLED_and_NULL_is_EINVAL)
{
    struct loop_handle *h;

    ck_assert_err(loop_handle_cancel(NULL), CO_EINVAL);
    EXPECT_OK(loop_call_soon(&L, record_cb, "a", &h));
    ck_assert_err(loop_handle_cancel(h), CO_OK);
    ck_assert_err(loop_handle_cancel(h), CO_ECANCELLED);
    expect_run_once(0, "only a cancelled callback was queued");
    expect_trace("", "a was cancelled");
}
END_TEST

Suite *make_ready_suite(void)
{
    Suite *s = suite_create("ready");
    TCase *soon = tcase_create("call_soon");
    TCase *cancel = tcase_create("cancel");
    TCase *scale = tcase_create("scale");

    tcase_add_checked_fixture(soon, setup_loop, teardown_loop);
    tcase_set_timeout(soon, LAB03_TIMEOUT);
    tcase_add_test(soon, test_call_soon_runs_callbacks_in_FIFO_order);
    tcase_add_test(soon, test_callbacks_scheduled_during_an_iteration_wait_for_the_next);
    tcase_add_test(soon, test_run_once_with_nothing_scheduled_returns_0_at_once);
    tcase_add_test(soon, test_ready_queue_wraps_around_in_order_without_growing);
    tcase_add_test(soon, test_ready_queue_keeps_its_order_as_it_wraps_and_grows);
    tcase_add_test(soon, test_call_soon_refuses_NULL_and_never_calls_back);
    tcase_add_test(soon, test_ready_count_and_ready_at_show_the_queue_in_order);
    suite_add_tcase(s, soon);

    tcase_add_checked_fixture(cancel, setup_loop, teardown_loop);
    tcase_set_timeout(cancel, LAB03_TIMEOUT);
    tcase_add_test(cancel, test_cancelled_callback_never_runs_and_the_others_keep_their_order);
    tcase_add_test(cancel, test_callback_can_cancel_one_queued_later_in_the_same_iteration);
    tcase_add_test(cancel, test_cancel_of_a_running_callback_is_EDONE);
    tcase_add_test(cancel, test_cancel_twice_is_ECANCELLED_and_NULL_is_EINVAL);
    suite_add_tcase(s, cancel);

    tcase_add_checked_fixture(scale, setup_loop, teardown_loop);
    tcase_set_timeout(scale, 24 * LAB03_TIMEOUT);     /* valgrind and ASan on a busy machine are slow */
    tcase_add_test(scale, test_one_million_call_soons_run_in_order_and_leak_nothing);
    suite_add_tcase(s, scale);
    return s;
}
