/* Step 4: cancellation, with asyncio's semantics. */
#include "lab04_tests.h"

#include <string.h>

START_TEST(test_cancel_of_a_done_task_is_false)
{
    struct script s = { .name = "a", .ret = co_int(1) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the task to its end");
    ck_assert_msg(!task_cancel(t, NULL), "cancel() of a task that is done must return false");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "the task after the late cancel()");
    ck_assert_msg(task_cancelling(t) == 0, "a refused cancel() counts no request "
                  "(cancelling() is %u)", task_cancelling(t));
    FREE_TASK(t);
    {
        struct script bad = { .name = "bad", .raises = CO_VALUE_ERROR };
        struct task *u = NEW_TASK(script_new(&bad), NULL);
        const char *err;

        run_all("running a task that raises");
        ck_assert_msg(!task_cancel(u, NULL), "cancel() of a failed task must return false");
        capture_begin();
        task_free(u);
        err = capture_end();
        ck_assert_msg(err[0] == '\0', "cancel() of a failed task counts its exception as "
                      "seen (asyncio's Task.cancel clears _log_traceback first), so freeing "
                      "it says nothing; stderr said \"%s\"", err);
    }
}
END_TEST

START_TEST(test_cancel_of_a_task_waiting_for_a_future_cancels_that_future)
{
    struct script s = { .name = "a", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the task up to its await");
    ck_assert_msg(task_cancel(t, NULL), "cancel() of a waiting task must return true");
    expect_fut_state(&F, FUTURE_CANCELLED, "the future the task waits for, right after "
                     "task.cancel() (asyncio cancels the task's _fut_waiter)");
    expect_fut_state(&t->fut, FUTURE_PENDING, "the task itself, before the loop runs "
                     "again: a cancel is a request");
    run_all("running the loop");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "the task, once CancelledError went "
                     "through its coroutine");
    expect_result_raises(&t->fut, CO_CANCELLED_ERROR, NULL, "result() of the cancelled task");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_cancel_before_the_first_step_cancels_without_running_the_coroutine)
{
    struct script s = { .name = "a", .ret = co_int(1) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    ck_assert_msg(task_cancel(t, "early"), "cancel() of a task not started yet: true");
    run_all("running the loop");
    expect_trace("", "CancelledError thrown into a coroutine that never started: its "
                 "body never runs");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "the task");
    expect_result_raises(&t->fut, CO_CANCELLED_ERROR, "early", "result() of the task "
                         "cancelled with message \"early\"");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_cancel_of_a_task_between_steps_is_thrown_in_at_its_next_step)
{
    struct script s = { .name = "a", .bare_yields = 3 };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_once("the first step");
    run_once("the second step");
    expect_trace("a:start a:0", "two steps, two bare yields");
    ck_assert_msg(task_cancel(t, NULL), "cancel() of a task whose next step is queued: true");
    ck_assert_msg(t->must_cancel, "nothing to cancel it waits for, so the task must "
                  "remember to throw CancelledError in at its next step (must_cancel)");
    run_all("running the loop");
    expect_trace("a:start a:0", "the CancelledError was raised at the bare yield, so "
                 "the coroutine never got to trace a:1");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "the task");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_a_coroutine_that_catches_CancelledError_and_returns_leaves_its_task_finished)
{
    struct script s = { .name = "a", .awaited = &F, .catching = true,
                        .on_catch = CATCH_RETURN, .ret = co_str("cleaned up") };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the task up to its await");
    ck_assert_msg(task_cancel(t, NULL), "cancel() of a waiting task: true");
    run_all("running the loop");
    expect_trace("a:start a:caught CancelledError", "the coroutine catches CancelledError");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "a task whose coroutine caught the "
                     "CancelledError and returned is FINISHED, not CANCELLED");
    expect_result(&t->fut, co_str("cleaned up"), "its result");
    ck_assert_msg(task_cancelling(t) == 1, "cancelling() must still count the request: "
                  "expected 1, got %u", task_cancelling(t));
    FREE_TASK(t);
}
END_TEST

START_TEST(test_the_cancel_message_reaches_the_coroutine_and_the_result)
{
    struct script s = { .name = "a", .bare_yields = 1, .catching = true, .awaited = &F,
                        .on_catch = CATCH_RERAISE };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_once("the first step");
    ck_assert_msg(task_cancel(t, "stop now"), "cancel(\"stop now\"): true");
    run_all("running the loop");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "the task");
    expect_result_raises(&t->fut, CO_CANCELLED_ERROR, "stop now", "result() of a task "
                         "cancelled with message \"stop now\"");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_cancelling_counts_requests_and_uncancel_takes_them_back)
{
    struct script s = { .name = "a", .awaited = &F, .catching = true,
                        .on_catch = CATCH_AWAIT_AGAIN, .awaited2 = &G };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    unsigned n;

    run_all("running the task up to its await");
    ck_assert_msg(task_cancel(t, NULL), "first cancel(): true");
    ck_assert_msg(task_cancel(t, NULL), "second cancel() of the still pending task: true");
    n = task_cancelling(t);
    ck_assert_msg(n == 2, "after two cancel() calls, cancelling() must be 2, got %u", n);
    n = task_uncancel(t);
    ck_assert_msg(n == 1, "uncancel() takes one back: expected 1, got %u", n);
    ck_assert_msg(task_uncancel(t) == 0 && task_uncancel(t) == 0,
                  "uncancel() never goes below 0");
    run_all("running the loop");
    expect_trace("a:start a:caught CancelledError", "the coroutine caught it");
    EXPECT_OK(future_set_result(&G, co_int(3), NULL));
    run_all("running the loop after the second future is done");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "the task, which caught the cancellation "
                     "and went on to await a second future");
    expect_result(&t->fut, co_int(3), "its result");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_cancelling_a_task_that_waits_for_a_task_cancels_the_inner_task)
{
    struct script inner = { .name = "inner", .awaited = &F };
    struct task *ti = NEW_TASK(script_new(&inner), NULL);
    struct script outer = { .name = "outer", .awaited = &ti->fut };
    struct task *to = NEW_TASK(script_new(&outer), NULL);

    run_all("running both up to their awaits");
    ck_assert_msg(task_awaiting(to) == &ti->fut, "outer waits for inner's future");
    ck_assert_msg(task_cancel(to, NULL), "cancel() of outer: true");
    ck_assert_msg(task_cancelling(ti) == 1, "cancelling outer, which waits for inner, "
                  "cancels inner as a task (task_cancel, so its coroutine hears of it): "
                  "inner's cancelling() should be 1, it is %u", task_cancelling(ti));
    expect_fut_state(&F, FUTURE_CANCELLED, "the future inner waits for");
    run_all("running the loop");
    expect_fut_state(&ti->fut, FUTURE_CANCELLED, "inner");
    expect_fut_state(&to->fut, FUTURE_CANCELLED, "outer");
    FREE_TASK(to);
    FREE_TASK(ti);
}
END_TEST

/* try: await F / except Exception: return "swallowed" */
struct careless_frame {
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step careless_body(struct gen *g, void *frame)
{
    struct careless_frame *f = frame;

    GEN_BEGIN(g);
    TASK_TRY_AWAIT(g, &F, f->r, f->caught);
    if (co_exc_matches(&f->caught, CO_EXCEPTION))
        GEN_RETURN(g, co_str("swallowed"));
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

START_TEST(test_except_Exception_in_a_coroutine_does_not_swallow_a_cancellation)
{
    struct task *t = NEW_TASK(gen_new("careless", careless_body,
                                      sizeof(struct careless_frame)), NULL);

    run_all("running the task up to its await");
    ck_assert_msg(task_cancel(t, NULL), "cancel(): true");
    run_all("running the loop");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "a task whose coroutine only catches "
                     "Exception: CancelledError derives from BaseException, so it goes "
                     "through");
    FREE_TASK(t);
}
END_TEST

/* Cancels its own task during its step, then returns. */
static struct task *self_task;

static enum gen_step self_cancel_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    trace("cancel %s", task_cancel(self_task, "mine") ? "true" : "false");
    GEN_RETURN(g, co_int(1));
    GEN_END(g);
}

START_TEST(test_a_task_cancelled_during_its_last_step_ends_CANCELLED)
{
    self_task = NEW_TASK(gen_new("self_cancel", self_cancel_body, 0), NULL);
    run_all("running a task that cancels itself, then returns");
    expect_trace("cancel true", "cancel() of the running task is a request: true");
    expect_fut_state(&self_task->fut, FUTURE_CANCELLED, "a task cancelled during the "
                     "step in which its coroutine returned (asyncio: must_cancel wins)");
    expect_result_raises(&self_task->fut, CO_CANCELLED_ERROR, "mine", "its result()");
    FREE_TASK(self_task);
}
END_TEST

Suite *make_cancel_suite(void)
{
    Suite *s = suite_create("cancel");
    TCase *tc = tcase_create("cancel");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_cancel_of_a_done_task_is_false);
    tcase_add_test(tc, test_cancel_of_a_task_waiting_for_a_future_cancels_that_future);
    tcase_add_test(tc, test_cancel_before_the_first_step_cancels_without_running_the_coroutine);
    tcase_add_test(tc, test_cancel_of_a_task_between_steps_is_thrown_in_at_its_next_step);
    tcase_add_test(tc, test_a_coroutine_that_catches_CancelledError_and_returns_leaves_its_task_finished);
    tcase_add_test(tc, test_the_cancel_message_reaches_the_coroutine_and_the_result);
    tcase_add_test(tc, test_cancelling_counts_requests_and_uncancel_takes_them_back);
    tcase_add_test(tc, test_cancelling_a_task_that_waits_for_a_task_cancels_the_inner_task);
    tcase_add_test(tc, test_except_Exception_in_a_coroutine_does_not_swallow_a_cancellation);
    tcase_add_test(tc, test_a_task_cancelled_during_its_last_step_ends_CANCELLED);
    suite_add_tcase(s, tc);
    return s;
}
