/* Step 1: a future's state, result and exception. */
#include "lab04_tests.h"

#include <stdlib.h>
#include <string.h>

START_TEST(test_a_new_future_is_PENDING_and_has_no_result_yet)
{
    struct co_value out = co_str("untouched");
    struct co_exc exc = { 0 };
    int r;

    expect_fut_state(&F, FUTURE_PENDING, "a future just made by future_init");
    ck_assert_msg(!future_done(&F) && !future_cancelled(&F),
                  "a PENDING future is neither done nor cancelled");
    r = future_result(&F, &out, &exc);
    ck_assert_msg(r == CO_ESTATE && exc.kind == CO_INVALID_STATE_ERROR
                  && strcmp(co_exc_msg(&exc), "Result is not ready.") == 0,
                  "result() of a PENDING future: expected CO_ESTATE with InvalidStateError "
                  "\"Result is not ready.\" (as asyncio raises), got %s with %s \"%s\"%s",
                  co_errname(r), co_exc_kind_name(exc.kind), co_exc_msg(&exc), todo_hint(r, NULL));
    ck_assert_value(out, co_str("untouched"), "*out after a refused result()");
    exc.kind = CO_EXC_NONE;
    r = future_exception(&F, &exc);
    ck_assert_msg(r == CO_ESTATE && exc.kind == CO_INVALID_STATE_ERROR
                  && strcmp(co_exc_msg(&exc), "Exception is not set.") == 0,
                  "exception() of a PENDING future: expected CO_ESTATE with "
                  "InvalidStateError \"Exception is not set.\", got %s with %s \"%s\"",
                  co_errname(r), co_exc_kind_name(exc.kind), co_exc_msg(&exc));
    ck_assert_msg(future_loop(&F) == &L, "future_loop must give the loop of future_init");
    ck_assert_msg(future_check(&F), "future_check fails on a new future");
}
END_TEST

START_TEST(test_set_result_finishes_the_future_and_result_gives_it)
{
    EXPECT_OK(future_set_result(&F, co_int(15), NULL));
    expect_fut_state(&F, FUTURE_FINISHED, "after set_result(15)");
    ck_assert_msg(future_done(&F) && !future_cancelled(&F),
                  "after set_result: done() must be true and cancelled() false");
    expect_result(&F, co_int(15), "result() after set_result(15)");
    expect_result(&F, co_int(15), "result() asked a second time");
    ck_assert_msg(future_check(&F), "future_check fails after set_result: the outcome "
                  "must be StopIteration carrying the result (see future.h)");
}
END_TEST

START_TEST(test_set_result_on_a_done_future_is_InvalidStateError_and_keeps_the_first)
{
    struct co_exc exc = { 0 };
    int r;

    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    r = future_set_result(&F, co_int(2), &exc);
    ck_assert_msg(r == CO_ESTATE && exc.kind == CO_INVALID_STATE_ERROR,
                  "set_result on a FINISHED future: expected CO_ESTATE with "
                  "InvalidStateError, got %s with %s%s", co_errname(r),
                  co_exc_kind_name(exc.kind), todo_hint(r, NULL));
    expect_result(&F, co_int(1), "result() after a refused second set_result");
    exc.kind = CO_EXC_NONE;
    r = future_set_result(&F, co_int(3), NULL);
    ck_assert_msg(r == CO_ESTATE, "set_result with exc NULL on a done future: expected "
                  "CO_ESTATE, got %s", co_errname(r));
}
END_TEST

START_TEST(test_set_exception_makes_result_raise_it_and_exception_give_it)
{
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "boom"), exc = { 0 };
    int r;

    EXPECT_OK(future_set_exception(&F, &boom, NULL));
    expect_fut_state(&F, FUTURE_FINISHED, "after set_exception (a failed future is FINISHED)");
    expect_result_raises(&F, CO_VALUE_ERROR, "boom", "result() after set_exception(ValueError)");
    r = future_exception(&F, &exc);
    ck_assert_msg(r == CO_OK && exc.kind == CO_VALUE_ERROR
                  && strcmp(co_exc_msg(&exc), "boom") == 0,
                  "exception() of a failed future: expected CO_OK with ValueError \"boom\", "
                  "got %s with %s", co_errname(r), co_exc_kind_name(exc.kind));
    ck_assert_msg(!F.log_exception, "once result() or exception() looked at it, the "
                  "exception counts as retrieved (log_exception false)");
}
END_TEST

START_TEST(test_set_exception_refuses_StopIteration_with_TypeError)
{
    struct co_exc stop = co_exc_stop(co_int(1)), exc = { 0 };
    int r = future_set_exception(&F, &stop, &exc);

    ck_assert_msg(r == CO_EINVAL && exc.kind == CO_TYPE_ERROR,
                  "set_exception(StopIteration): expected CO_EINVAL with TypeError "
                  "(asyncio: \"StopIteration interacts badly with generators\"), got %s "
                  "with %s%s", co_errname(r), co_exc_kind_name(exc.kind), todo_hint(r, NULL));
    expect_fut_state(&F, FUTURE_PENDING, "after the refused set_exception");
    r = future_set_exception(&F, NULL, NULL);
    ck_assert_msg(r == CO_EINVAL, "set_exception(NULL): expected CO_EINVAL, got %s",
                  co_errname(r));
    exc = (struct co_exc){ 0 };
    r = future_set_exception(&F, &exc, NULL);
    ck_assert_msg(r == CO_EINVAL, "set_exception of a none exception: expected CO_EINVAL, "
                  "got %s", co_errname(r));
    expect_fut_state(&F, FUTURE_PENDING, "after the refused set_exception calls");
}
END_TEST

START_TEST(test_set_exception_on_a_done_future_is_InvalidStateError)
{
    struct co_exc boom = co_exc_make(CO_KEY_ERROR, "k"), exc = { 0 };
    int r;

    EXPECT_OK(future_set_result(&F, co_int(4), NULL));
    r = future_set_exception(&F, &boom, &exc);
    ck_assert_msg(r == CO_ESTATE && exc.kind == CO_INVALID_STATE_ERROR,
                  "set_exception on a FINISHED future: expected CO_ESTATE with "
                  "InvalidStateError, got %s with %s%s", co_errname(r),
                  co_exc_kind_name(exc.kind), todo_hint(r, NULL));
    expect_result(&F, co_int(4), "result() after the refused set_exception");
}
END_TEST

START_TEST(test_exception_of_a_future_with_a_result_is_none)
{
    struct co_exc exc = co_exc_make(CO_VALUE_ERROR, "left over");
    int r;

    EXPECT_OK(future_set_result(&F, co_str("fine"), NULL));
    r = future_exception(&F, &exc);
    ck_assert_msg(r == CO_OK && exc.kind == CO_EXC_NONE,
                  "exception() of a future with a result: expected CO_OK and no exception "
                  "(Python: None), got %s with %s%s", co_errname(r),
                  co_exc_kind_name(exc.kind), todo_hint(r, NULL));
}
END_TEST

START_TEST(test_future_calls_refuse_NULL_with_EINVAL)
{
    struct co_value out;
    struct co_exc exc;

    ck_assert_err(future_init(NULL, &L), CO_EINVAL);
    ck_assert_err(future_set_result(NULL, co_int(1), NULL), CO_EINVAL);
    ck_assert_err(future_result(&F, NULL, &exc), CO_EINVAL);
    ck_assert_err(future_result(&F, &out, NULL), CO_EINVAL);
    ck_assert_err(future_exception(&F, NULL), CO_EINVAL);
    ck_assert_err(future_destroy(NULL), CO_OK);
    {
        struct future g;
        ck_assert_err(future_init(&g, NULL), CO_EINVAL);
    }
    expect_fut_state(&F, FUTURE_PENDING, "after the refused calls");
}
END_TEST

START_TEST(test_future_new_and_future_free_work_on_the_heap)
{
    struct future *f = future_new(&L);

    ck_assert_msg(f != NULL, "future_new(&L) returned NULL");
    expect_fut_state(f, FUTURE_PENDING, "a future made by future_new");
    ck_assert_msg(future_loop(f) == &L, "future_loop of future_new(&L) must be &L");
    EXPECT_OK(future_set_result(f, co_int(2), NULL));
    expect_result(f, co_int(2), "result() of a heap future");
    EXPECT_OK(future_free(f));
    ck_assert_msg(future_new(NULL) == NULL, "future_new(NULL) must return NULL");
}
END_TEST

START_TEST(test_an_unretrieved_exception_is_reported_when_the_future_is_destroyed)
{
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "boom");
    struct future seen;
    const char *err;

    EXPECT_OK(future_set_exception(&F, &boom, NULL));
    ck_assert_msg(F.log_exception, "a future that failed must remember that nobody has "
                  "looked at its exception yet (log_exception)");
    capture_begin();
    future_destroy(&F);
    err = capture_end();
    ck_assert_msg(strstr(err, "Future exception was never retrieved")
                  && strstr(err, "ValueError('boom')"),
                  "destroying a failed future whose exception nobody retrieved must say "
                  "so on stderr as CPython does (\"Future exception was never retrieved\", "
                  "then the future with exception=ValueError('boom')); stderr said \"%s\" "
                  "(hint: future_destroy calls future_log_unretrieved)", err);
    future_init(&F, &L);

    EXPECT_OK(future_init(&seen, &L));
    EXPECT_OK(future_set_exception(&seen, &boom, NULL));
    expect_result_raises(&seen, CO_VALUE_ERROR, NULL, "result() of the second failed future");
    capture_begin();
    future_destroy(&seen);
    err = capture_end();
    ck_assert_msg(err[0] == '\0', "a failed future whose exception was retrieved (by "
                  "result()) must be destroyed quietly; stderr said \"%s\"", err);
}
END_TEST

Suite *make_future_suite(void)
{
    Suite *s = suite_create("future");
    TCase *tc = tcase_create("state");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_a_new_future_is_PENDING_and_has_no_result_yet);
    tcase_add_test(tc, test_set_result_finishes_the_future_and_result_gives_it);
    tcase_add_test(tc, test_set_result_on_a_done_future_is_InvalidStateError_and_keeps_the_first);
    tcase_add_test(tc, test_set_exception_makes_result_raise_it_and_exception_give_it);
    tcase_add_test(tc, test_set_exception_refuses_StopIteration_with_TypeError);
    tcase_add_test(tc, test_set_exception_on_a_done_future_is_InvalidStateError);
    tcase_add_test(tc, test_exception_of_a_future_with_a_result_is_none);
    tcase_add_test(tc, test_future_calls_refuse_NULL_with_EINVAL);
    tcase_add_test(tc, test_future_new_and_future_free_work_on_the_heap);
    tcase_add_test(tc, test_an_unretrieved_exception_is_reported_when_the_future_is_destroyed);
    suite_add_tcase(s, tc);
    return s;
}
