/* Step 6: run_until_complete and run (asyncio.run). */
#include "lab04_tests.h"

#include <string.h>

START_TEST(test_run_until_complete_returns_the_task_s_result)
{
    struct script s = { .name = "main", .bare_yields = 2, .ret = co_int(42) };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int r = task_run_until_complete(&L, &t->fut, &out, &exc);

    ck_assert_msg(r == CO_OK, "run_until_complete(task): expected CO_OK, got %s%s",
                  gen_outcome_name(r), todo_hint(r, NULL));
    ck_assert_value(out, co_int(42), "what run_until_complete returned");
    ck_assert_msg(!loop_is_running(&L), "the loop is not running once it returned");
    ck_assert_msg(F.n_callbacks == 0 && t->fut.n_callbacks == 0, "run_until_complete "
                  "removes the done callback it added");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_run_until_complete_raises_what_the_task_raised)
{
    struct script s = { .name = "main", .raises = CO_VALUE_ERROR };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int r = task_run_until_complete(&L, &t->fut, &out, &exc);

    ck_assert_msg(r == GEN_RAISED && exc.kind == CO_VALUE_ERROR,
                  "run_until_complete of a task that raised ValueError: expected "
                  "GEN_RAISED with ValueError, got %s with %s%s", gen_outcome_name(r),
                  co_exc_kind_name(exc.kind), todo_hint(r, NULL));
    ck_assert_msg(!t->fut.log_exception, "the exception was retrieved by "
                  "run_until_complete: nothing to report when the task is freed");
    FREE_TASK(t);
}
END_TEST

static void nested_run_cb(struct loop *loop, void *arg)
{
    struct co_value out;
    struct co_exc exc = { 0 };
    int r = task_run_until_complete(loop, arg, &out, &exc);

    trace("%s %s", co_errname(r), co_exc_msg(&exc));
}

START_TEST(test_run_until_complete_refuses_a_loop_that_is_already_running)
{
    struct co_value out;
    struct co_exc exc;

    EXPECT_OK(loop_call_soon(&L, nested_run_cb, &F, NULL));
    EXPECT_OK(loop_call_later(&L, 1, record_cb, "later", NULL));
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    ck_assert_msg(task_run_until_complete(&L, &F, &out, &exc) == CO_OK, "run_until_complete "
                  "of a future that is done: CO_OK");
    expect_trace("CO_ESTATE This event loop is already running", "run_until_complete "
                 "called from a callback of the running loop must refuse with CO_ESTATE "
                 "and RuntimeError \"This event loop is already running\"");
    ck_assert_value(out, co_int(1), "its result");
}
END_TEST

START_TEST(test_run_until_complete_of_a_future_nobody_sets_is_RuntimeError)
{
    struct co_value out;
    struct co_exc exc = { 0 };
    int r = task_run_until_complete(&L, &F, &out, &exc);

    ck_assert_msg(r == GEN_RAISED && exc.kind == CO_RUNTIME_ERROR
                  && strstr(co_exc_msg(&exc), "stopped before Future completed"),
                  "run_until_complete of a future that nothing will ever set: the loop "
                  "runs out of work, so expected GEN_RAISED with RuntimeError \"Event loop "
                  "stopped before Future completed.\", got %s with %s \"%s\"%s",
                  gen_outcome_name(r), co_exc_kind_name(exc.kind), co_exc_msg(&exc),
                  todo_hint(r, NULL));
    ck_assert_msg(F.n_callbacks == 0, "the stop callback must be removed again");
    ck_assert_err(task_run_until_complete(NULL, &F, &out, &exc), CO_EINVAL);
}
END_TEST

/* asyncio.run(main()): main starts a worker that waits forever, and returns 5. */
static struct script worker = { .name = "worker" };
static struct future forever;

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct task **t = frame;
    struct loop *loop;

    GEN_BEGIN(g);
    loop = task_running_loop();
    trace("main:%s", loop && loop != &L ? "fresh loop" : "not a fresh loop");
    future_init(&forever, loop);
    worker.awaited = &forever;
    worker.catching = true;
    worker.on_catch = CATCH_RERAISE;
    task_create(loop, script_new(&worker), "worker", t);
    GEN_YIELD(g, co_none());
    GEN_RETURN(g, co_int(5));
    GEN_END(g);
}

START_TEST(test_run_makes_a_fresh_loop_runs_main_and_cancels_what_is_left)
{
    struct gen *main = gen_new("main", main_body, sizeof(struct task *));
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    size_t alive = task_alive();
    int r = task_run(main, LOOP_CLOCK_VIRTUAL, &out, &exc);

    ck_assert_msg(r == CO_OK, "asyncio.run(main()): expected CO_OK, got %s%s",
                  gen_outcome_name(r), todo_hint(r, NULL));
    ck_assert_value(out, co_int(5), "what run returned (main's result)");
    expect_trace("main:fresh loop worker:start worker:caught CancelledError",
                 "run: a fresh loop; main returns while its worker still waits: the "
                 "worker is cancelled and run until it is done");
    ck_assert_msg(task_alive() == alive, "run frees every task of its loop: task_alive "
                  "should be %zu, it is %zu", alive, task_alive());
    future_destroy(&forever);
}
END_TEST

START_TEST(test_run_returns_what_main_raised)
{
    struct script s = { .name = "main", .raises = CO_KEY_ERROR };
    struct co_value out;
    struct co_exc exc = { 0 };
    int r = task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, &out, &exc);

    ck_assert_msg(r == GEN_RAISED && exc.kind == CO_KEY_ERROR,
                  "asyncio.run of a main that raises KeyError: expected GEN_RAISED with "
                  "KeyError, got %s with %s%s", gen_outcome_name(r),
                  co_exc_kind_name(exc.kind), todo_hint(r, NULL));
}
END_TEST

static void run_inside_cb(struct loop *loop, void *arg)
{
    struct script *s = arg;
    struct co_value out;
    struct co_exc exc = { 0 };
    int r;

    (void)loop;
    r = task_run(script_new(s), LOOP_CLOCK_VIRTUAL, &out, &exc);
    trace("%s %s", co_errname(r), co_exc_msg(&exc));
}

static enum gen_step runs_run_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    run_inside_cb(NULL, &worker);
    GEN_END(g);
}

START_TEST(test_run_inside_a_running_task_is_refused)
{
    struct task *t = NEW_TASK(gen_new("outer", runs_run_body, 0), NULL);

    worker = (struct script){ .name = "never" };
    run_all("running a task that calls run()");
    expect_trace("CO_ESTATE asyncio.run() cannot be called from a running event loop",
                 "task_run inside a task's step must refuse");
    FREE_TASK(t);
}
END_TEST

Suite *make_run_suite(void)
{
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("run");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_run_until_complete_returns_the_task_s_result);
    tcase_add_test(tc, test_run_until_complete_raises_what_the_task_raised);
    tcase_add_test(tc, test_run_until_complete_refuses_a_loop_that_is_already_running);
    tcase_add_test(tc, test_run_until_complete_of_a_future_nobody_sets_is_RuntimeError);
    tcase_add_test(tc, test_run_makes_a_fresh_loop_runs_main_and_cancels_what_is_left);
    tcase_add_test(tc, test_run_returns_what_main_raised);
    tcase_add_test(tc, test_run_inside_a_running_task_is_refused);
    suite_add_tcase(s, tc);
    return s;
}
