/* Step 2: cancelling a future, and done callbacks, which always run
 * through the loop (loop_call_soon), never inline. */
#include "lab04_tests.h"

#include <string.h>

START_TEST(test_done_callbacks_run_through_the_loop_never_inline)
{
    EXPECT_OK(future_add_done_callback(&F, record_state_cb, "cb"));
    expect_trace("", "add_done_callback on a PENDING future calls nothing");
    EXPECT_OK(future_set_result(&F, co_int(15), NULL));
    expect_trace("", "right after set_result: a done callback never runs inline, inside "
                 "set_result (hint: hand it to the loop with loop_call_soon)");
    ck_assert_msg(loop_ready_count(&L) >= 1, "after set_result, the callback must be "
                  "queued on the loop (loop_ready_count is %zu)", loop_ready_count(&L));
    run_once("one iteration of the loop");
    expect_trace("cb:FINISHED", "the loop's next iteration calls the callback, with the "
                 "future, which is done by then");
}
END_TEST

START_TEST(test_done_callbacks_run_in_registration_order_with_their_bound_argument)
{
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "a"));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "b"));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "c"));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "a"));
    EXPECT_OK(future_set_result(&F, co_none(), NULL));
    run_all("running the loop after set_result");
    expect_trace("a b c a", "four callbacks (each with its bound argument, as "
                 "functools.partial(cb, word)) run in the order they were added, the "
                 "same one twice if added twice");
}
END_TEST

START_TEST(test_a_callback_added_to_a_done_future_is_queued_after_what_is_queued)
{
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "first"));
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    EXPECT_OK(loop_call_soon(&L, record_cb, "soon", NULL));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "late"));
    expect_trace("", "add_done_callback on a done future must not call it inline");
    run_all("running the loop");
    expect_trace("first soon late", "a callback added to a future that is already done "
                 "is handed to the loop at once, so it runs after what was queued before "
                 "it (asyncio: call_soon)");
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "again"));
    run_all("running the loop again");
    expect_trace("first soon late again", "one more callback on the done future");
}
END_TEST

START_TEST(test_remove_done_callback_returns_how_many_it_removed)
{
    int r;

    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "a"));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "b"));
    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "a"));
    EXPECT_OK(future_add_done_callback(&F, record_state_cb, "a"));
    r = future_remove_done_callback(&F, record_done_cb, "a");
    ck_assert_msg(r == 2, "remove_done_callback(cb, \"a\") with (cb, \"a\") added twice: "
                  "expected 2, got %d%s", r, todo_hint(r, NULL));
    r = future_remove_done_callback(&F, record_done_cb, "zzz");
    ck_assert_msg(r == 0, "removing a callback that was never added: expected 0, got %d", r);
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    r = future_remove_done_callback(&F, record_done_cb, "b");
    ck_assert_msg(r == 0, "remove_done_callback on a done future: expected 0 (its "
                  "callbacks are the loop's by then), got %d", r);
    run_all("running the loop");
    expect_trace("b a:FINISHED", "the callbacks left run, in their order: the other "
                 "function with the same argument is a different callback");
}
END_TEST

START_TEST(test_cancel_of_a_pending_future_is_true_and_runs_its_callbacks)
{
    bool ok;

    EXPECT_OK(future_add_done_callback(&F, record_state_cb, "cb"));
    ok = future_cancel(&F, "stop");
    ck_assert_msg(ok, "cancel() of a PENDING future must return true");
    expect_fut_state(&F, FUTURE_CANCELLED, "after cancel(\"stop\")");
    ck_assert_msg(future_done(&F) && future_cancelled(&F), "a cancelled future is done "
                  "and cancelled");
    expect_trace("", "cancel() does not run the callbacks inline either");
    run_all("running the loop");
    expect_trace("cb:CANCELLED", "the callbacks of a cancelled future run, through the loop");
    expect_result_raises(&F, CO_CANCELLED_ERROR, "stop", "result() of a future "
                         "cancelled with message \"stop\"");
    ck_assert_msg(!future_cancel(&F, NULL), "cancel() of a cancelled future must return false");
}
END_TEST

START_TEST(test_cancel_of_a_done_future_is_false_and_changes_nothing)
{
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "boom");
    struct future G;

    EXPECT_OK(future_set_result(&F, co_int(9), NULL));
    ck_assert_msg(!future_cancel(&F, "too late"), "cancel() of a FINISHED future must "
                  "return false");
    expect_fut_state(&F, FUTURE_FINISHED, "after the cancel() that came too late");
    expect_result(&F, co_int(9), "result() after cancel() of a finished future");
    EXPECT_OK(future_init(&G, &L));
    EXPECT_OK(future_set_exception(&G, &boom, NULL));
    ck_assert_msg(!future_cancel(&G, NULL), "cancel() of a failed future must return false");
    ck_assert_msg(!G.log_exception, "cancel() of a failed future counts its exception as "
                  "seen (asyncio's Future.cancel clears __log_traceback first): "
                  "log_exception must be false, or destroying it would report it");
    expect_result_raises(&G, CO_VALUE_ERROR, "boom", "result() of the failed future, "
                         "after the cancel() that came too late");
    future_destroy(&G);
}
END_TEST

START_TEST(test_exception_of_a_cancelled_future_raises_CancelledError)
{
    struct co_exc exc = { 0 };
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "x");
    int r;

    ck_assert_msg(future_cancel(&F, NULL), "cancel() of a PENDING future must return true");
    r = future_exception(&F, &exc);
    ck_assert_msg(r == GEN_RAISED && exc.kind == CO_CANCELLED_ERROR,
                  "exception() of a cancelled future: expected GEN_RAISED with "
                  "CancelledError (asyncio raises it), got %s with %s%s",
                  gen_outcome_name(r), co_exc_kind_name(exc.kind), todo_hint(r, NULL));
    r = future_set_exception(&F, &boom, &exc);
    ck_assert_msg(r == CO_ESTATE, "set_exception on a cancelled future: expected CO_ESTATE, "
                  "got %s", co_errname(r));
}
END_TEST

START_TEST(test_a_future_whose_callbacks_are_queued_cannot_be_destroyed)
{
    int r;

    EXPECT_OK(future_add_done_callback(&F, record_done_cb, "cb"));
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    r = future_destroy(&F);
    ck_assert_msg(r == CO_ESTATE, "future_destroy while its callback is still queued on "
                  "the loop: expected CO_ESTATE (the loop would call back a dead future), "
                  "got %s%s (hint: n_scheduled)", co_errname(r), todo_hint(r, NULL));
    run_all("running the loop");
    expect_trace("cb", "the callback still ran");
    EXPECT_OK(future_destroy(&F));
    future_init(&F, &L);
}
END_TEST

static int calls[1000], order_ok = 1, ncalls, last_called = -1;

static void count_cb(struct future *fut, void *arg)
{
    int i = (int)((int *)arg - calls);

    (void)fut;
    if (i <= last_called)
        order_ok = 0;
    last_called = i;
    calls[i]++;
    ncalls++;
}

START_TEST(test_a_thousand_callbacks_on_one_future_run_in_order)
{
    int r;

    for (int i = 0; i < 1000; i++)
        if ((r = future_add_done_callback(&F, count_cb, &calls[i])) != CO_OK)
            ck_abort_msg("add_done_callback %d of 1000: got %s%s", i, co_errname(r),
                         todo_hint(r, NULL));
    for (int i = 0; i < 1000; i += 2)
        if ((r = future_remove_done_callback(&F, count_cb, &calls[i])) != 1)
            ck_abort_msg("removing callback %d of 1000: expected 1, got %d", i, r);
    ck_assert_msg(future_check(&F), "future_check fails after 1000 adds and 500 removes");
    EXPECT_OK(future_set_result(&F, co_none(), NULL));
    run_all("running the loop");
    for (int i = 0; i < 1000; i++)
        if (calls[i] != (i % 2))
            ck_abort_msg("callback %d of 1000 ran %d times, expected %d (the even ones "
                         "were removed)", i, calls[i], i % 2);
    ck_assert_msg(ncalls == 500, "expected 500 calls, got %d", ncalls);
    ck_assert_msg(order_ok, "the 500 callbacks left must run in the order they were added");
    ck_assert_msg(F.n_scheduled == 0, "once every callback has run, n_scheduled is 0");
}
END_TEST

START_TEST(test_add_done_callback_refuses_NULL_and_a_done_future_on_a_closed_loop)
{
    int r;

    ck_assert_err(future_add_done_callback(NULL, record_done_cb, "x"), CO_EINVAL);
    ck_assert_err(future_add_done_callback(&F, NULL, "x"), CO_EINVAL);
    ck_assert_err(future_remove_done_callback(&F, NULL, "x"), CO_EINVAL);
    EXPECT_OK(future_set_result(&F, co_none(), NULL));
    EXPECT_OK(loop_close(&L));
    r = future_add_done_callback(&F, record_done_cb, "never");
    ck_assert_msg(r == CO_ECLOSED, "add_done_callback on a done future whose loop is "
                  "closed: expected CO_ECLOSED (nobody could ever call it), got %s%s",
                  co_errname(r), todo_hint(r, NULL));
    expect_trace("", "a refused callback never runs");
}
END_TEST

Suite *make_callbacks_suite(void)
{
    Suite *s = suite_create("callbacks");
    TCase *tc = tcase_create("callbacks");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_done_callbacks_run_through_the_loop_never_inline);
    tcase_add_test(tc, test_done_callbacks_run_in_registration_order_with_their_bound_argument);
    tcase_add_test(tc, test_a_callback_added_to_a_done_future_is_queued_after_what_is_queued);
    tcase_add_test(tc, test_remove_done_callback_returns_how_many_it_removed);
    tcase_add_test(tc, test_cancel_of_a_pending_future_is_true_and_runs_its_callbacks);
    tcase_add_test(tc, test_cancel_of_a_done_future_is_false_and_changes_nothing);
    tcase_add_test(tc, test_exception_of_a_cancelled_future_raises_CancelledError);
    tcase_add_test(tc, test_a_future_whose_callbacks_are_queued_cannot_be_destroyed);
    tcase_add_test(tc, test_a_thousand_callbacks_on_one_future_run_in_order);
    tcase_add_test(tc, test_add_done_callback_refuses_NULL_and_a_done_future_on_a_closed_loop);
    suite_add_tcase(s, tc);
    return s;
}
