/* Step 1: gather.  A gather is a future that its children's done
 * callbacks finish; results come in argument order. */
#include "lab05_tests.h"

#include <stdio.h>

static void setup(void) { setup_loop(); }
static void teardown(void) { teardown_loop(); }

/* gather_new on L, or the test fails with the skeleton's hint. */
static struct gather *new_gather(const struct aw *aws, size_t n, bool return_exceptions)
{
    struct gather *ga = NULL;
    int r = gather_new(&L, aws, n, return_exceptions, &ga);

    ck_assert_msg(r == CO_OK && ga, "gather_new(&L, aws, %zu, %s, &ga): expected CO_OK, got "
                  "%s%s", n, return_exceptions ? "true" : "false", co_errname(r),
                  todo_hint(r, NULL));
    return ga;
}

/* gather_result_at(ga, i) must be CO_OK and want. */
static void expect_slot(struct gather *ga, size_t i, struct co_value want)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    char what[64];

    snprintf(what, sizeof what, "gather_result_at(ga, %zu)", i);
    expect_outcome(gather_result_at(ga, i, &out, &exc), out, exc, want, what);
}

static void expect_slot_raises(struct gather *ga, size_t i, enum co_exc_kind kind)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    char what[64];

    snprintf(what, sizeof what, "gather_result_at(ga, %zu)", i);
    expect_outcome_raises(gather_result_at(ga, i, &out, &exc), exc, kind, what);
}

START_TEST(test_gather_results_come_in_argument_order_whatever_the_finishing_order)
{
    struct aw aws[] = {
        AW_CORO(work("a", 3, co_int(1), CO_EXC_NONE)),
        AW_CORO(work("b", 1, co_int(2), CO_EXC_NONE)),
        AW_CORO(work("c", 2, co_int(3), CO_EXC_NONE)),
    };
    struct gather *ga = new_gather(aws, 3, false);

    run_all();
    expect_trace("a:start b:start c:start b:end c:end a:end", "three coroutines gathered "
                 "run at the same time and finish b, c, a");
    ck_assert_msg(future_state(&ga->fut) == FUTURE_FINISHED, "the gather must be FINISHED "
                  "once its children are (it is %s)", future_state_name(future_state(&ga->fut)));
    expect_result(&ga->fut, co_ptr(ga), "the gather's own result is the gather (co_ptr(ga))");
    expect_slot(ga, 0, co_int(1));
    expect_slot(ga, 1, co_int(2));
    expect_slot(ga, 2, co_int(3));
    ck_assert_msg(loop_time(&L) == 3.0, "gathered, 3 s + 1 s + 2 s take 3 s, not %.1f",
                  loop_time(&L));
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_gather_wraps_each_coroutine_in_a_task_at_once)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)),
        AW_CORO(work("b", 1, co_int(2), CO_EXC_NONE)),
    };
    size_t before = task_alive();
    struct gather *ga = new_gather(aws, 2, false);

    ck_assert_msg(task_alive() == before + 2 && ga->n_made == 2, "gather_new must wrap each "
                  "coroutine in a task (ensure_future) right away: expected 2 new tasks, "
                  "task_alive() grew by %zu, n_made is %zu", task_alive() - before, ga->n_made);
    expect_trace("", "nothing runs before the loop does");
    run_all();
    EXPECT_OK(gather_free(ga));
    ck_assert_msg(task_alive() == before, "gather_free must free the tasks it made "
                  "(%zu still alive)", task_alive() - before);
}
END_TEST

static void set_7(struct loop *loop, void *arg)
{
    (void)loop;
    future_set_result(arg, co_int(7), NULL);
}

START_TEST(test_the_same_future_twice_gives_its_result_twice_with_one_callback)
{
    struct future f;
    struct aw aws[2];
    struct gather *ga;

    future_init(&f, &L);
    aws[0] = aws[1] = AW_FUT(&f);
    ga = new_gather(aws, 2, false);
    ck_assert_msg(f.n_callbacks == 1, "gather(f, f) counts f once: one done callback on "
                  "it, found %u", (unsigned)f.n_callbacks);
    loop_call_later(&L, 1, set_7, &f, NULL);
    run_all();
    expect_result(&ga->fut, co_ptr(ga), "gather(f, f) once f has a result");
    expect_slot(ga, 0, co_int(7));
    expect_slot(ga, 1, co_int(7));
    EXPECT_OK(gather_free(ga));
    future_destroy(&f);
}
END_TEST

START_TEST(test_the_same_coroutine_twice_is_one_task)
{
    struct gen *c = work("a", 1, co_int(5), CO_EXC_NONE);
    struct aw aws[] = { AW_CORO(c), AW_CORO(c) };
    struct gather *ga = new_gather(aws, 2, false);

    ck_assert_msg(ga->n_made == 1, "gather(c, c) with one coroutine object makes one task, "
                  "made %zu", ga->n_made);
    run_all();
    expect_trace("a:start a:end", "the coroutine runs once");
    expect_slot(ga, 0, co_int(5));
    expect_slot(ga, 1, co_int(5));
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_the_first_exception_fails_the_gather_at_once_and_the_others_keep_running)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_none(), CO_VALUE_ERROR)),
        AW_CORO(work("b", 3, co_int(2), CO_EXC_NONE)),
    };
    struct gather *ga = new_gather(aws, 2, false);
    struct co_value out;
    struct co_exc exc;
    int r = task_run_until_complete(&L, &ga->fut, &out, &exc);

    expect_outcome_raises(r, exc, CO_VALUE_ERROR, "awaiting gather(a, b) where a raises "
                          "ValueError after 1 s");
    ck_assert_msg(loop_time(&L) == 1.0, "the gather fails as soon as a does (t=1), not at "
                  "t=%.1f", loop_time(&L));
    ck_assert_msg(!future_done(&ga->made[1]->fut), "b keeps running after a failed "
                  "(return_exceptions=False cancels nothing)");
    run_all();
    expect_trace("a:start b:start a:end b:end", "b runs to its end");
    expect_slot(ga, 1, co_int(2));
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_return_exceptions_puts_each_exception_in_its_place)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_none(), CO_VALUE_ERROR)),
        AW_CORO(work("b", 2, co_int(2), CO_EXC_NONE)),
        AW_CORO(work("c", 0, co_none(), CO_KEY_ERROR)),
    };
    struct gather *ga = new_gather(aws, 3, true);

    run_all();
    expect_result(&ga->fut, co_ptr(ga), "gather(..., return_exceptions=True) never fails "
                  "because a child did");
    expect_slot_raises(ga, 0, CO_VALUE_ERROR);
    expect_slot(ga, 1, co_int(2));
    expect_slot_raises(ga, 2, CO_KEY_ERROR);
    ck_assert_msg(loop_time(&L) == 2.0, "it waits for every child: t=2, not %.1f",
                  loop_time(&L));
    EXPECT_OK(gather_free(ga));
}
END_TEST

static struct gather *to_cancel;
static void cancel_it(struct loop *loop, void *arg)
{
    (void)loop;
    trace("cancel:%s", gather_cancel(to_cancel, NULL) ? "true" : "false");
    (void)arg;
}

START_TEST(test_gather_cancel_cancels_every_unfinished_child)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)),
        AW_CORO(work("b", 3, co_int(2), CO_EXC_NONE)),
        AW_CORO(work("c", 5, co_int(3), CO_EXC_NONE)),
    };
    struct gather *ga = new_gather(aws, 3, true);

    to_cancel = ga;
    loop_call_later(&L, 2, cancel_it, NULL, NULL);
    run_all();
    expect_trace("a:start b:start c:start a:end cancel:true", "gather.cancel() at t=2");
    ck_assert_msg(future_state(&ga->made[0]->fut) == FUTURE_FINISHED &&
                  future_cancelled(&ga->made[1]->fut) && future_cancelled(&ga->made[2]->fut),
                  "a had finished; b and c must be CANCELLED (they are %s and %s)",
                  future_state_name(future_state(&ga->made[1]->fut)),
                  future_state_name(future_state(&ga->made[2]->fut)));
    expect_raises(&ga->fut, CO_CANCELLED_ERROR, "a cancelled gather raises CancelledError "
                  "even with return_exceptions=True");
    ck_assert_msg(loop_time(&L) == 2.0, "nothing waits for b or c any more (t=%.1f)",
                  loop_time(&L));
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_gather_cancel_of_a_done_gather_is_false)
{
    struct aw aws[] = { AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)) };
    struct gather *ga = new_gather(aws, 1, false);

    run_all();
    ck_assert_msg(!gather_cancel(ga, NULL), "cancelling a gather that is done gives false");
    expect_result(&ga->fut, co_ptr(ga), "and leaves its result alone");
    EXPECT_OK(gather_free(ga));
}
END_TEST

static struct task *victim;
static void cancel_task(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
}

START_TEST(test_a_child_cancelled_on_its_own_fails_the_gather_with_CancelledError)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)),
        AW_CORO(work("b", 3, co_int(2), CO_EXC_NONE)),
    };
    struct gather *ga = new_gather(aws, 2, false);

    victim = ga->made[0];
    loop_call_later(&L, 0.5, cancel_task, NULL, NULL);
    run_all();
    expect_raises(&ga->fut, CO_CANCELLED_ERROR, "gather(a, b) where a alone is cancelled");
    ck_assert_msg(!future_cancelled(&ga->fut), "the gather is FINISHED with CancelledError "
                  "as its exception, not CANCELLED itself (asyncio: outer.set_exception)");
    ck_assert_msg(future_state(&ga->made[1]->fut) == FUTURE_FINISHED, "b is not cancelled "
                  "with it");
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_a_child_cancelled_on_its_own_is_a_CancelledError_result_with_return_exceptions)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)),
        AW_CORO(work("b", 3, co_int(2), CO_EXC_NONE)),
    };
    struct gather *ga = new_gather(aws, 2, true);

    victim = ga->made[0];
    loop_call_later(&L, 0.5, cancel_task, NULL, NULL);
    run_all();
    expect_result(&ga->fut, co_ptr(ga), "gather(a, b, return_exceptions=True), a cancelled");
    expect_slot_raises(ga, 0, CO_CANCELLED_ERROR);
    expect_slot(ga, 1, co_int(2));
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_an_empty_gather_is_done_at_once)
{
    struct gather *ga = new_gather(NULL, 0, false);

    ck_assert_msg(future_state(&ga->fut) == FUTURE_FINISHED, "gather() with nothing to "
                  "wait for is FINISHED at once (it is %s)",
                  future_state_name(future_state(&ga->fut)));
    ck_assert_msg(ga->n == 0, "an empty gather has no results");
    EXPECT_OK(gather_free(ga));
}
END_TEST

/* async def main(): await gather(a(), b()) -- cancelled from outside */
struct main_frame {
    struct gather *ga;
    struct co_value r;
};
static struct gather *main_ga;

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[2];

    GEN_BEGIN(g);
    aws[0] = AW_CORO(work("a", 5, co_int(1), CO_EXC_NONE));
    aws[1] = AW_CORO(work("b", 5, co_int(2), CO_EXC_NONE));
    if (gather_new(task_running_loop(), aws, 2, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    main_ga = f->ga;
    TASK_AWAIT(g, &f->ga->fut, f->r);
    trace("main:done");
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

START_TEST(test_cancelling_the_task_that_awaits_a_gather_cancels_the_children)
{
    struct task *t = new_task(gen_new("main", main_body, sizeof(struct main_frame)));

    victim = t;
    main_ga = NULL;
    loop_call_later(&L, 1, cancel_task, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&t->fut), "main, cancelled while it awaits the gather, "
                  "ends CANCELLED (it is %s)", future_state_name(future_state(&t->fut)));
    ck_assert_msg(main_ga, "main never made its gather");
    ck_assert_msg(future_cancelled(&main_ga->made[0]->fut) &&
                  future_cancelled(&main_ga->made[1]->fut), "the gather's children are "
                  "cancelled with it (trace: \"%s\")", trace_text());
    expect_trace("a:start b:start", "neither child reaches its end");
    ck_assert_msg(loop_time(&L) == 1.0, "nothing waited for the children's 5 s (t=%.1f)",
                  loop_time(&L));
    EXPECT_OK(gather_free(main_ga));
    EXPECT_OK(task_free(t));
}
END_TEST

START_TEST(test_gather_new_refuses_bad_arguments_and_takes_nothing)
{
    struct loop other;
    struct future f;
    struct gather *ga = NULL;
    struct gen *started = work("s", -1, co_none(), CO_EXC_NONE);
    struct aw none[] = { { NULL, NULL } };
    struct aw foreign[1];
    struct aw used[] = { AW_CORO(started) };
    struct co_value out;
    struct co_exc exc;

    loop_init(&other, LOOP_CLOCK_VIRTUAL);
    future_init(&f, &other);
    foreign[0] = AW_FUT(&f);
    gen_next(started, &out, &exc);
    ck_assert_err(gather_new(NULL, NULL, 0, false, &ga), CO_EINVAL);
    ck_assert_err(gather_new(&L, NULL, 0, false, NULL), CO_EINVAL);
    ck_assert_err(gather_new(&L, NULL, 2, false, &ga), CO_EINVAL);
    ck_assert_err(gather_new(&L, none, 1, false, &ga), CO_EINVAL);
    ck_assert_err(gather_new(&L, foreign, 1, false, &ga), CO_EINVAL);
    ck_assert_err(gather_new(&L, used, 1, false, &ga), CO_ESTATE);
    ck_assert_msg(ga == NULL, "a refused gather_new leaves *out alone");
    gen_free(started);
    future_destroy(&f);
    loop_destroy(&other);
}
END_TEST

START_TEST(test_gather_free_refuses_while_a_child_it_made_still_runs)
{
    struct aw aws[] = { AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)) };
    struct gather *ga = new_gather(aws, 1, false);

    ck_assert_err(gather_free(ga), CO_ESTATE);
    run_all();
    EXPECT_OK(gather_free(ga));
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

/* The same coroutine anywhere among the arguments is one task, whatever
 * the order of the coroutines in memory: [a, b, a, c, b, a] makes three. */
START_TEST(test_the_same_coroutine_anywhere_in_the_arguments_is_one_task)
{
    for (int order = 0; order < 2; order++) {
        struct gen *c[3];
        struct aw aws[6];
        static const int pick[2][6] = { { 0, 1, 0, 2, 1, 0 }, { 2, 1, 2, 0, 1, 2 } };
        struct gather *ga;

        for (int k = 0; k < 3; k++)
            c[k] = work(k == 0 ? "a" : k == 1 ? "b" : "c", 1, co_int(k), CO_EXC_NONE);
        for (int i = 0; i < 6; i++)
            aws[i] = AW_CORO(c[pick[order][i]]);
        ga = new_gather(aws, 6, false);
        ck_assert_msg(ga->n_made == 3, "gather(x, y, x, z, y, x) of three coroutine objects "
                      "makes three tasks, it made %zu (hint: the same coroutine object "
                      "again, at any place, is the task made for it first)", ga->n_made);
        run_all();
        for (int i = 0; i < 6; i++)
            expect_slot(ga, (size_t)i, co_int(pick[order][i]));
        EXPECT_OK(gather_free(ga));
        trace_reset();
    }
}
END_TEST

/* asyncio's gather marks the exception of a child that fails after the
 * gather is done as retrieved: nobody is told it "was never retrieved". */
START_TEST(test_a_child_failing_after_the_gather_failed_counts_as_retrieved)
{
    struct aw aws[] = {
        AW_CORO(work("a", 1, co_none(), CO_VALUE_ERROR)),
        AW_CORO(work("b", 2, co_none(), CO_TYPE_ERROR)),
    };
    struct gather *ga = new_gather(aws, 2, false);

    run_all();
    expect_raises(&ga->fut, CO_VALUE_ERROR, "gather(a, b) where a raises at 1 s, b at 2 s");
    ck_assert_msg(!ga->made[1]->fut.log_exception, "b failed after the gather had failed: "
                  "the gather's callback must mark b's exception retrieved "
                  "(future_exception), as asyncio's does, or freeing b reports that it "
                  "was never retrieved");
    EXPECT_OK(gather_free(ga));
}
END_TEST

START_TEST(test_gather_result_at_refuses_bad_arguments)
{
    struct aw aws[] = { AW_CORO(work("a", 0, co_int(1), CO_EXC_NONE)) };
    struct gather *ga = new_gather(aws, 1, false);
    struct co_value out;
    struct co_exc exc;

    run_all();
    ck_assert_err(gather_result_at(NULL, 0, &out, &exc), CO_EINVAL);
    ck_assert_err(gather_result_at(ga, 0, NULL, &exc), CO_EINVAL);
    ck_assert_err(gather_result_at(ga, 0, &out, NULL), CO_EINVAL);
    ck_assert_err(gather_result_at(ga, 1, &out, &exc), CO_EINVAL);
    expect_slot(ga, 0, co_int(1));
    EXPECT_OK(gather_free(ga));
}
END_TEST

/* A gather that failed may be freed while a future it was given still
 * runs: it must take its callback off that future (at every index). */
START_TEST(test_gather_free_takes_its_callback_off_a_future_still_pending)
{
    struct future f;
    struct aw aws[2];
    struct gather *ga;

    future_init(&f, &L);
    aws[0] = AW_FUT(&f);
    aws[1] = AW_CORO(work("a", 1, co_none(), CO_VALUE_ERROR));
    ga = new_gather(aws, 2, false);
    run_all();
    expect_raises(&ga->fut, CO_VALUE_ERROR, "gather(f, a) where a raises and f is pending");
    EXPECT_OK(gather_free(ga));
    ck_assert_msg(f.n_callbacks == 0, "gather_free of a done gather must remove its "
                  "callback from f, still pending, or f would call back a freed gather: f "
                  "still has %u done callback(s) (hint: every child from index 0 on)",
                  (unsigned)f.n_callbacks);
    future_set_result(&f, co_int(1), NULL);
    run_all();
    future_destroy(&f);
}
END_TEST

/* Gathers of 64 arguments (coroutines, some twice, and futures), run and
 * freed, round after round: the heap in use must not grow. */
START_TEST(test_gathers_run_and_freed_give_back_all_their_memory)
{
    enum { N = 64, ROUNDS = 42 };
    static struct future f[4];
    size_t before = 0;

    for (int round = 0; round < ROUNDS; round++) {
        struct aw aws[N];
        struct gen *c[N];
        struct gather *ga;

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        for (int i = 0; i < 4; i++)
            future_init(&f[i], &L);
        for (int i = 0; i < N; i++) {
            if (i % 16 == 0)
                aws[i] = AW_FUT(&f[i / 16]);
            else if (i % 5 == 0)
                aws[i] = AW_CORO(c[i - 1]);  /* the coroutine just before, again */
            else
                aws[i] = AW_CORO(c[i] = work("w", -1, co_int(i), CO_EXC_NONE));
        }
        ga = new_gather(aws, N, round % 2 == 1);
        for (int i = 0; i < 4; i++)
            future_set_result(&f[i], co_int(i), NULL);
        run_all();
        expect_result(&ga->fut, co_ptr(ga), "a gather of 64 arguments, each done");
        EXPECT_OK(gather_free(ga));
        for (int i = 0; i < 4; i++)
            future_destroy(&f[i]);
        trace_reset();
    }
    expect_heap(before, 4096, "40 rounds of a gather of 64 arguments, run and freed",
                "gather_free frees every array gather_new allocated, and gather_new its "
                "scratch arrays");
}
END_TEST

Suite *make_gather_suite(void)
{
    Suite *s = suite_create("gather");
    TCase *tc = tcase_create("gather");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_gather_results_come_in_argument_order_whatever_the_finishing_order);
    tcase_add_test(tc, test_gather_wraps_each_coroutine_in_a_task_at_once);
    tcase_add_test(tc, test_the_same_future_twice_gives_its_result_twice_with_one_callback);
    tcase_add_test(tc, test_the_same_coroutine_twice_is_one_task);
    tcase_add_test(tc, test_the_first_exception_fails_the_gather_at_once_and_the_others_keep_running);
    tcase_add_test(tc, test_return_exceptions_puts_each_exception_in_its_place);
    tcase_add_test(tc, test_gather_cancel_cancels_every_unfinished_child);
    tcase_add_test(tc, test_gather_cancel_of_a_done_gather_is_false);
    tcase_add_test(tc, test_a_child_cancelled_on_its_own_fails_the_gather_with_CancelledError);
    tcase_add_test(tc, test_a_child_cancelled_on_its_own_is_a_CancelledError_result_with_return_exceptions);
    tcase_add_test(tc, test_an_empty_gather_is_done_at_once);
    tcase_add_test(tc, test_cancelling_the_task_that_awaits_a_gather_cancels_the_children);
    tcase_add_test(tc, test_gather_new_refuses_bad_arguments_and_takes_nothing);
    tcase_add_test(tc, test_gather_free_refuses_while_a_child_it_made_still_runs);
    tcase_add_test(tc, test_the_same_coroutine_anywhere_in_the_arguments_is_one_task);
    tcase_add_test(tc, test_a_child_failing_after_the_gather_failed_counts_as_retrieved);
    tcase_add_test(tc, test_gather_result_at_refuses_bad_arguments);
    tcase_add_test(tc, test_gather_free_takes_its_callback_off_a_future_still_pending);
    tcase_add_test(tc, test_gathers_run_and_freed_give_back_all_their_memory);
    suite_add_tcase(s, tc);
    return s;
}
