/* Step 3: tasks.  A task drives its coroutine one step at a time on the
 * loop; awaiting a future suspends it until the future is done. */
#include "lab04_tests.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_task_create_runs_nothing_until_the_loop_runs)
{
    struct script s = { .name = "a", .ret = co_int(1) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    expect_trace("", "right after task_create: the first step is only queued "
                 "(loop_call_soon), nothing of the coroutine runs yet");
    expect_fut_state(&t->fut, FUTURE_PENDING, "a task just created");
    ck_assert_msg(t->fut.is_task && task_of_future(&t->fut) == t, "a task's future must "
                  "have is_task set (task_of_future gives the task back)");
    run_once("the loop's first iteration");
    expect_trace("a:start", "the first iteration runs the first step");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "after the coroutine returned");
    ck_assert_msg(task_check(t), "task_check fails on a finished task");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_a_task_finishes_with_what_its_coroutine_returns)
{
    struct script s = { .name = "hello1", .ret = co_int(15) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the loop");
    expect_result(&t->fut, co_int(15), "task.result() of hello1, which returns 15");
    ck_assert_msg(gen_state(t->coro) == GEN_CLOSED, "the coroutine of a finished task is "
                  "CLOSED");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_a_task_fails_with_the_exception_its_coroutine_raises)
{
    struct script s = { .name = "bad", .raises = CO_KEY_ERROR };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the loop");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "a task whose coroutine raised");
    expect_result_raises(&t->fut, CO_KEY_ERROR, "bad failed", "task.result() of a "
                         "coroutine that raised KeyError(\"bad failed\")");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_awaiting_a_future_suspends_the_task_until_the_future_is_done)
{
    struct script s = { .name = "a", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("running the loop while the future is pending");
    expect_trace("a:start", "the coroutine runs up to `await fut` and waits there");
    ck_assert_msg(task_awaiting(t) == &F, "task_awaiting must give the future the task "
                  "waits for (got %p, the future is %p)", (void *)task_awaiting(t),
                  (void *)&F);
    expect_fut_state(&t->fut, FUTURE_PENDING, "the task, while it waits");
    ck_assert_msg(F.n_callbacks == 1, "the task waits by adding its wake-up as a done "
                  "callback of the future: expected 1 callback on it, found %u",
                  (unsigned)F.n_callbacks);
    EXPECT_OK(future_set_result(&F, co_int(5), NULL));
    expect_trace("a:start", "set_result wakes the task through the loop, not inline");
    run_all("running the loop after set_result(5)");
    expect_trace("a:start a:got 5", "the task wakes up and `await fut` gives 5");
    ck_assert_msg(task_awaiting(t) == NULL, "a finished task awaits nothing");
    expect_result(&t->fut, co_int(5), "the task's result (it returns what it got)");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_awaiting_a_future_that_failed_raises_its_exception_in_the_coroutine)
{
    struct script s = { .name = "a", .awaited = &F, .catching = true,
                        .on_catch = CATCH_RETURN, .ret = co_str("recovered") };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "boom");

    run_all("running the loop");
    EXPECT_OK(future_set_exception(&F, &boom, NULL));
    run_all("running the loop after set_exception(ValueError)");
    expect_trace("a:start a:caught ValueError", "the future's exception is thrown into "
                 "the coroutine at its await, where try/except catches it");
    expect_result(&t->fut, co_str("recovered"), "the task's result");
    ck_assert_msg(!F.log_exception, "the task that was woken by the failed future has "
                  "retrieved its exception (as asyncio's __wakeup calls result())");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_awaiting_a_future_that_is_already_done_does_not_suspend)
{
    struct script s = { .name = "a", .awaited = &F };
    struct task *t;

    EXPECT_OK(future_set_result(&F, co_int(7), NULL));
    t = NEW_TASK(script_new(&s), NULL);
    run_once("one iteration");
    expect_trace("a:start a:got 7", "`await` of a future that is already done gives its "
                 "result at once, in the same step");
    ck_assert_msg(s.steps == 1, "the coroutine should have been entered once, it was "
                  "entered %d times", s.steps);
    expect_fut_state(&t->fut, FUTURE_FINISHED, "the task after that one step");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_a_bare_yield_gives_the_other_tasks_a_turn)
{
    struct script a = { .name = "a", .bare_yields = 2 };
    struct script b = { .name = "b", .bare_yields = 2 };
    struct task *ta = NEW_TASK(script_new(&a), NULL);
    struct task *tb = NEW_TASK(script_new(&b), NULL);

    run_all("running two tasks that yield bare twice each");
    expect_trace("a:start b:start a:0 b:0 a:1 b:1", "a bare yield (asyncio.sleep(0)) "
                 "queues the task's next step at the end of the ready queue");
    FREE_TASK(ta);
    FREE_TASK(tb);
}
END_TEST

START_TEST(test_a_task_awaiting_another_task_gets_its_result)
{
    struct script inner = { .name = "nested", .bare_yields = 1, .ret = co_int(42) };
    struct task *ti = NEW_TASK(script_new(&inner), NULL);
    struct script outer = { .name = "main", .awaited = &ti->fut };
    struct task *to = NEW_TASK(script_new(&outer), NULL);

    run_all("running main, which awaits the task of nested()");
    expect_trace("nested:start main:start nested:0 main:got 42", "a task is a future: "
                 "awaiting it waits until it is done and gives its result");
    expect_result(&to->fut, co_int(42), "main's result");
    FREE_TASK(to);
    FREE_TASK(ti);
}
END_TEST

START_TEST(test_awaiting_a_coroutine_runs_it_in_the_same_task)
{
    struct script inner = { .name = "nested", .bare_yields = 1, .ret = co_int(42) };
    struct script outer = { .name = "main" };
    struct task *t;
    size_t alive;

    outer.sub = script_new(&inner);
    t = NEW_TASK(script_new(&outer), NULL);
    alive = task_alive();
    run_all("running main, which awaits nested() as a coroutine");
    expect_trace("main:start nested:start nested:0 main:got 42", "`await nested()` is "
                 "delegation (yield from): nested runs inside main's task");
    ck_assert_msg(task_alive() == alive, "awaiting a coroutine makes no new task");
    expect_result(&t->fut, co_int(42), "main's result");
    FREE_TASK(t);
}
END_TEST

static void show_result_cb(struct future *fut, void *arg)
{
    char repr[CO_REPR_MAX];
    struct co_value v;
    struct co_exc e;

    if (future_result(fut, &v, &e) == CO_OK)
        trace("%s %s", (const char *)arg, co_value_repr(v, repr, sizeof repr));
}

START_TEST(test_a_task_is_a_future_and_its_done_callbacks_run_through_the_loop)
{
    struct script s = { .name = "hello1", .ret = co_int(15) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    EXPECT_OK(future_add_done_callback(&t->fut, show_result_cb, "callback got"));
    run_once("the first iteration (the task's only step)");
    expect_trace("hello1:start", "the task finished; its done callback is queued, "
                 "not run inline");
    run_once("the next iteration");
    expect_trace("hello1:start callback got 15", "the done callback of the task, with "
                 "its bound argument, sees the result");
    FREE_TASK(t);
}
END_TEST

/* Yields `what` (not a future) and reports what comes back. */
struct yields_frame {
    struct co_value what;
    struct co_exc caught;
};

static enum gen_step yields_body(struct gen *g, void *frame)
{
    struct yields_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, f->what, f->caught);
    trace("%s: %s", co_exc_kind_name(f->caught.kind), co_exc_msg(&f->caught));
    GEN_END(g);
}

static struct gen *yields_new(struct co_value what)
{
    struct gen *g = gen_new("yields", yields_body, sizeof(struct yields_frame));

    if (g)
        ((struct yields_frame *)gen_frame(g))->what = what;
    return g;
}

START_TEST(test_a_bad_yield_throws_RuntimeError_into_the_coroutine)
{
    struct task *t = NEW_TASK(yields_new(co_int(42)), NULL);

    run_all("running a coroutine that yields 42");
    expect_trace("RuntimeError: Task got bad yield: 42", "a task that is yielded anything "
                 "but none or a future throws RuntimeError \"Task got bad yield: 42\" "
                 "into the coroutine at its next step");
    expect_fut_state(&t->fut, FUTURE_FINISHED, "the task, once the coroutine returned");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_yielding_a_future_without_await_is_RuntimeError)
{
    struct task *t = NEW_TASK(yields_new(co_ptr(&F)), NULL);

    run_all("running a coroutine that yields a future without TASK_AWAIT");
    ck_assert_msg(strstr(trace_text(), "RuntimeError: yield was used instead of yield "
                         "from") != NULL, "a future yielded without TASK_AWAIT (its "
                  "blocking flag false) must be answered with RuntimeError \"yield was "
                  "used instead of yield from in task ...\"; the coroutine saw \"%s\"",
                  trace_text());
    ck_assert_msg(F.n_callbacks == 0, "the task must not wait for that future");
    FREE_TASK(t);
}
END_TEST

/* Awaits its own task (self_task). */
static struct task *self_task;

static enum gen_step selfish_body(struct gen *g, void *frame)
{
    struct yields_frame *f = frame;

    GEN_BEGIN(g);
    TASK_TRY_AWAIT(g, &self_task->fut, f->what, f->caught);
    trace("%s: %s", co_exc_kind_name(f->caught.kind), co_exc_msg(&f->caught));
    GEN_END(g);
}

START_TEST(test_a_task_cannot_await_itself)
{
    self_task = NEW_TASK(gen_new("selfish", selfish_body, sizeof(struct yields_frame)),
                         NULL);
    run_all("running a task that awaits itself");
    ck_assert_msg(strstr(trace_text(), "RuntimeError: Task cannot await on itself") != NULL,
                  "a task awaiting its own future must get RuntimeError \"Task cannot "
                  "await on itself: ...\"; the coroutine saw \"%s\"", trace_text());
    expect_fut_state(&self_task->fut, FUTURE_FINISHED, "the task afterwards");
    FREE_TASK(self_task);
}
END_TEST

START_TEST(test_a_failed_task_freed_unobserved_says_Task_exception_was_never_retrieved)
{
    struct script bad = { .name = "bad", .raises = CO_VALUE_ERROR };
    struct script seen = { .name = "seen", .raises = CO_VALUE_ERROR };
    struct task *t = NEW_TASK(script_new(&bad), NULL);
    struct task *u = NEW_TASK(script_new(&seen), NULL);
    const char *err;

    run_all("running two tasks that raise ValueError");
    expect_result_raises(&u->fut, CO_VALUE_ERROR, NULL, "result() of the second task");
    capture_begin();
    task_free(t);
    err = capture_end();
    ck_assert_msg(strstr(err, "Task exception was never retrieved")
                  && strstr(err, "exception=ValueError('bad failed')"),
                  "freeing a failed task whose exception nobody retrieved must print, as "
                  "CPython logs it, \"Task exception was never retrieved\" and the task "
                  "with exception=ValueError('bad failed') to stderr; stderr said \"%s\"",
                  err);
    capture_begin();
    task_free(u);
    err = capture_end();
    ck_assert_msg(err[0] == '\0', "a failed task whose exception was retrieved is freed "
                  "quietly; stderr said \"%s\"", err);
}
END_TEST

START_TEST(test_task_free_refuses_a_task_that_can_still_run)
{
    struct script s = { .name = "a", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    int r = task_free(t);

    ck_assert_msg(r == CO_ESTATE, "task_free of a task whose first step is queued: "
                  "expected CO_ESTATE, got %s%s", co_errname(r), todo_hint(r, NULL));
    run_all("running the loop");
    r = task_free(t);
    ck_assert_msg(r == CO_ESTATE, "task_free of a task waiting for a future: expected "
                  "CO_ESTATE, got %s", co_errname(r));
    EXPECT_OK(future_set_result(&F, co_none(), NULL));
    run_all("running the loop after set_result");
    FREE_TASK(t);
    ck_assert_err(task_free(NULL), CO_OK);
}
END_TEST

START_TEST(test_a_blocking_step_holds_up_every_task)
{
    struct script a = { .name = "busy", .bare_yields = 0 };
    struct script b = { .name = "other", .bare_yields = 1 };
    struct task *tb = NEW_TASK(script_new(&b), NULL);
    struct task *ta = NEW_TASK(script_new(&a), NULL);

    EXPECT_OK(loop_call_soon(&L, record_cb, "timer-ish", NULL));
    run_all("running a busy task beside another");
    expect_trace("other:start busy:start timer-ish other:0", "a step runs until its "
                 "coroutine yields: nothing else (another task, a callback) runs in the "
                 "meantime, which is why a blocking call in a coroutine blocks every task");
    FREE_TASK(ta);
    FREE_TASK(tb);
}
END_TEST

START_TEST(test_task_create_refuses_NULL_a_started_coroutine_and_a_closed_loop)
{
    struct script s = { .name = "a", .bare_yields = 1 };
    struct gen *g = script_new(&s);
    struct task *t = (struct task *)&F;
    struct co_value out;
    struct co_exc exc;
    int r;

    ck_assert_err(task_create(NULL, g, NULL, &t), CO_EINVAL);
    ck_assert_err(task_create(&L, NULL, NULL, &t), CO_EINVAL);
    ck_assert_err(task_create(&L, g, NULL, NULL), CO_EINVAL);
    gen_next(g, &out, &exc);
    r = task_create(&L, g, NULL, &t);
    ck_assert_msg(r == CO_ESTATE, "task_create of a coroutine that already started: "
                  "expected CO_ESTATE, got %s%s", co_errname(r), todo_hint(r, NULL));
    gen_free(g);
    g = script_new(&s);
    loop_close(&L);
    r = task_create(&L, g, NULL, &t);
    ck_assert_msg(r == CO_ECLOSED, "task_create on a closed loop: expected CO_ECLOSED, "
                  "got %s", co_errname(r));
    ck_assert_msg(t == (struct task *)&F, "a refused task_create leaves *out alone");
    gen_free(g);
}
END_TEST

/* A coroutine with a 16-byte frame that awaits F: what every task of the
 * memory test runs. */
struct tiny_frame {
    struct co_value r;
};

static enum gen_step tiny_body(struct gen *g, void *frame)
{
    struct tiny_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT(g, &F, f->r);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

static void noop_cb(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
}

START_TEST(test_a_task_costs_at_most_300_bytes)
{
    enum { N = 4000 };
    static struct task *t[N];
    size_t documented = sizeof(struct task) + sizeof(struct gen) + sizeof(struct tiny_frame);
    size_t before, after;

    ck_assert_msg(documented <= 300, "the structs of one task add up to %zu bytes "
                  "(task %zu, gen %zu, frame %zu): more than 300",
                  documented, sizeof(struct task), sizeof(struct gen),
                  sizeof(struct tiny_frame));
    /* F's callback array is grown first, so that only the tasks count. */
    /* (No ck_assert in the loops: each records its place in a file of
     * limited size that Check shares with the runner.) */
    for (int i = 0; i < N; i++)
        if (future_add_done_callback(&F, record_done_cb, "x") != CO_OK)
            ck_abort_msg("future_add_done_callback failed");
    future_remove_done_callback(&F, record_done_cb, "x");
    /* So is the loop's: its ready queue, and its spare handles. */
    for (int i = 0; i < N; i++)
        loop_call_soon(&L, noop_cb, NULL, NULL);
    run_all("warming the loop up");
    before = heap_in_use();
    for (int i = 0; i < N; i++) {
        int r = task_create(&L, gen_new("tiny", tiny_body, sizeof(struct tiny_frame)),
                            NULL, &t[i]);
        if (r != CO_OK)
            ck_abort_msg("task_create: expected CO_OK, got %s%s", co_errname(r), todo_hint(r, NULL));
    }
    run_all("the first step of each task: each now awaits F");
    after = heap_in_use();
    ck_assert_msg(after - before <= (size_t)N * 300,
                  "%d tasks, each awaiting one future, hold %zu bytes of heap: %zu per "
                  "task; a task (its struct task, and its generator with a 16-byte frame, "
                  "two malloc blocks, malloc's own header and rounding included) must cost "
                  "at most 300 (hint: allocate nothing per task but the struct task)",
                  N, after - before, (after - before) / N);
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    run_all("waking them all");
    for (int i = 0; i < N; i++) {
        struct co_value v = co_none();
        struct co_exc e;
        if (future_result(&t[i]->fut, &v, &e) != CO_OK || !co_value_eq(v, co_int(1))
            || task_free(t[i]) != CO_OK)
            ck_abort_msg("task %d of %d: expected the result 1 and a clean task_free", i, N);
    }
}
END_TEST

Suite *make_task_suite(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("task");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_task_create_runs_nothing_until_the_loop_runs);
    tcase_add_test(tc, test_a_task_finishes_with_what_its_coroutine_returns);
    tcase_add_test(tc, test_a_task_fails_with_the_exception_its_coroutine_raises);
    tcase_add_test(tc, test_awaiting_a_future_suspends_the_task_until_the_future_is_done);
    tcase_add_test(tc, test_awaiting_a_future_that_failed_raises_its_exception_in_the_coroutine);
    tcase_add_test(tc, test_awaiting_a_future_that_is_already_done_does_not_suspend);
    tcase_add_test(tc, test_a_bare_yield_gives_the_other_tasks_a_turn);
    tcase_add_test(tc, test_a_task_awaiting_another_task_gets_its_result);
    tcase_add_test(tc, test_awaiting_a_coroutine_runs_it_in_the_same_task);
    tcase_add_test(tc, test_a_task_is_a_future_and_its_done_callbacks_run_through_the_loop);
    tcase_add_test(tc, test_a_bad_yield_throws_RuntimeError_into_the_coroutine);
    tcase_add_test(tc, test_yielding_a_future_without_await_is_RuntimeError);
    tcase_add_test(tc, test_a_task_cannot_await_itself);
    tcase_add_test(tc, test_a_failed_task_freed_unobserved_says_Task_exception_was_never_retrieved);
    tcase_add_test(tc, test_task_free_refuses_a_task_that_can_still_run);
    tcase_add_test(tc, test_a_blocking_step_holds_up_every_task);
    tcase_add_test(tc, test_task_create_refuses_NULL_a_started_coroutine_and_a_closed_loop);
    tcase_add_test(tc, test_a_task_costs_at_most_300_bytes);
    suite_add_tcase(s, tc);
    return s;
}
