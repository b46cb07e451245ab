/* Step 1: gather.  A gather is a future that its children's done
 * callbacks finish; results come in argument order. */
#include "lab05_tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* before anyone reads a result: the gather read each child's (as
     * asyncio's does, fut.exception()), so the failures count as retrieved */
    for (size_t i = 0; i < 3; i += 2)
        ck_assert_msg(!ga->made[i]->fut.log_exception, "gather(a, b, c, return_exceptions="
                      "True) where a and c raise: once every child is done, the gather reads "
                      "each child's exception (future_exception), as asyncio's does, so %s's "
                      "counts as retrieved; it does not yet (hint: the loop over the children "
                      "at the end of child_done, from the first to the last, cancelled ones "
                      "left out)", i ? "c" : "a");
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
    ck_assert_msg(!gather_cancel(NULL, NULL), "gather_cancel(NULL, NULL) gives false");
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
 * the order of the coroutines in memory: [a, b, a, c, b, a] makes three,
 * and so does [c, a, a, b, b, c] (a < b < c in memory), in order but for
 * its first. */
START_TEST(test_the_same_coroutine_anywhere_in_the_arguments_is_one_task)
{
    for (int order = 0; order < 3; order++) {
        struct gen *c[3];
        int v[3];
        struct aw aws[6];
        static const int pick[3][6] = { { 0, 1, 0, 2, 1, 0 }, { 2, 1, 2, 0, 1, 2 },
                                        { 2, 0, 0, 1, 1, 2 } };
        struct gather *ga;

        for (int k = 0; k < 3; k++) {
            c[k] = work(k == 0 ? "a" : k == 1 ? "b" : "c", 1, co_int(k), CO_EXC_NONE);
            v[k] = k;
        }
        for (int k = 1; k < 3; k++)         /* c[0] < c[1] < c[2] in memory */
            for (int j = k; j > 0 && (uintptr_t)c[j - 1] > (uintptr_t)c[j]; j--) {
                struct gen *g = c[j];
                int x = v[j];
                c[j] = c[j - 1], v[j] = v[j - 1];
                c[j - 1] = g, v[j - 1] = x;
            }
        for (int i = 0; i < 6; i++)
            aws[i] = AW_CORO(c[pick[order][i]]);
        ga = new_gather(aws, 6, false);
        ck_assert_msg(ga->n_made == 3, "gather(x, y, x, z, y, x) of three coroutine objects "
                      "makes three tasks, it made %zu (hint: the same coroutine object "
                      "again, at any place, is the task made for it first)", ga->n_made);
        run_all();
        for (int i = 0; i < 6; i++)
            expect_slot(ga, (size_t)i, co_int(v[pick[order][i]]));
        EXPECT_OK(gather_free(ga));
        trace_reset();
    }
}
END_TEST

/* The same future twice among futures whose addresses differ in bit 7 and
 * in bit 18 only (placed in one aligned block): [z, x, z, y] with
 * y = x + 128 and z = x + 2^18 still gives z one callback.  Grouping the
 * arguments by their objects must look at every bit in which they differ,
 * however far apart those bits are. */
START_TEST(test_the_same_future_twice_is_one_child_wherever_the_futures_lie)
{
    enum { FAR = 1 << 18 };
    unsigned char *block = aligned_alloc(2 * FAR, 2 * FAR);
    struct future *x = (struct future *)block, *y = (struct future *)(block + 128),
                  *z = (struct future *)(block + FAR);
    struct aw aws[4];
    struct gather *ga;

    ck_assert_msg(block && sizeof(struct future) <= 128, "test setup: an aligned block");
    future_init(x, &L);
    future_init(y, &L);
    future_init(z, &L);
    aws[0] = AW_FUT(z), aws[1] = AW_FUT(x), aws[2] = AW_FUT(z), aws[3] = AW_FUT(y);
    ga = new_gather(aws, 4, false);
    ck_assert_msg(z->n_callbacks == 1 && x->n_callbacks == 1 && y->n_callbacks == 1,
                  "gather(z, x, z, y) of three futures, where y lies 128 bytes after x and "
                  "z 2^18 bytes after x: each future gets one callback; z has %u, x %u, y %u "
                  "(hint: the arguments with the same object must stand together, whatever "
                  "bits their addresses differ in)", (unsigned)z->n_callbacks,
                  (unsigned)x->n_callbacks, (unsigned)y->n_callbacks);
    future_set_result(x, co_int(1), NULL);
    future_set_result(y, co_int(2), NULL);
    future_set_result(z, co_int(3), NULL);
    run_all();
    expect_slot(ga, 0, co_int(3));
    expect_slot(ga, 1, co_int(1));
    expect_slot(ga, 2, co_int(3));
    expect_slot(ga, 3, co_int(2));
    EXPECT_OK(gather_free(ga));
    future_destroy(x);
    future_destroy(y);
    future_destroy(z);
    free(block);
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

static void cancel_with_stop(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    gather_cancel(to_cancel, "stop");
}

/* gather.cancel("stop"): the gather raises the CancelledError of the child
 * that finished last, so it says "stop" when that child was cancelled,
 * and nothing when the child caught the cancellation and returned
 * (CPython 3.11: `fut._make_cancelled_error()`), with or without
 * return_exceptions. */
START_TEST(test_a_cancelled_gather_raises_the_last_childs_CancelledError)
{
    for (int k = 0; k < 4; k++) {
        bool catching = k % 2, rex = k / 2;
        struct aw aws[] = { AW_CORO(catching ? work_catching("a", 1, co_int(5))
                                             : work("a", 1, co_int(5), CO_EXC_NONE)) };
        struct gather *ga = new_gather(aws, 1, rex);
        const char *want = catching ? "" : "stop";
        struct co_exc e = { 0 };

        to_cancel = ga;
        loop_call_later(&L, 0.5, cancel_with_stop, NULL, NULL);
        run_all();
        future_exception(&ga->fut, &e);
        ck_assert_msg(e.kind == CO_CANCELLED_ERROR && e.msg && strcmp(e.msg, want) == 0,
                      "gather(a%s) cancelled with the message \"stop\", where a %s: awaiting "
                      "it must raise CancelledError(%s%s%s), as in CPython; it raised %s(\"%s\") "
                      "(hint: with the cancel requested, the gather's exception is the "
                      "CancelledError of the child that finished last, if it was cancelled, "
                      "else a new one)", rex ? ", return_exceptions=True" : "",
                      catching ? "catches the CancelledError and returns 5"
                               : "is cancelled", *want ? "'" : "", want, *want ? "'" : "",
                      e.kind == CO_EXC_NONE ? "nothing" : co_exc_kind_name(e.kind),
                      e.msg ? e.msg : "");
        EXPECT_OK(gather_free(ga));
        trace_reset();
    }
}
END_TEST

START_TEST(test_gather_result_at_refuses_bad_arguments)
{
    struct aw aws[] = { AW_CORO(work("a", 0, co_int(1), CO_EXC_NONE)) };
    struct gather *ga = new_gather(aws, 1, false);
    struct co_value out;
    struct co_exc exc;

    ck_assert_err(gather_result_at(ga, 0, NULL, &exc), CO_EINVAL);   /* a still pending */
    ck_assert_err(gather_result_at(ga, 0, &out, NULL), CO_EINVAL);
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

/* A gather that failed and that nobody awaited says so when it is freed,
 * under asyncio's name for it (CPython, when it collects the gather). */
START_TEST(test_a_failed_gather_nobody_awaited_says_so_when_freed)
{
    struct aw aws[] = { AW_CORO(work("a", 0, co_none(), CO_VALUE_ERROR)) };
    struct gather *ga = new_gather(aws, 1, false);
    const char *err;

    run_all();
    capture_begin();
    gather_free(ga);
    err = capture_end();
    ck_assert_msg(strstr(err, "_GatheringFuture exception was never retrieved")
                  && strstr(err, "ValueError('a')"),
                  "gather(a) where a raised ValueError('a'), freed without anyone awaiting "
                  "it: stderr must say \"_GatheringFuture exception was never retrieved\", "
                  "then the future with exception=ValueError('a'), as CPython does; it said "
                  "\"%s\" (hint: future_log_unretrieved with asyncio's name, then "
                  "future_destroy)", err);
}
END_TEST

static void stop_loop(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

/* gather_free refuses (CO_ESTATE) while anything may still call the gather
 * back: a gather of futures only that is still pending, and a gather that
 * failed while its first task still runs. */
START_TEST(test_gather_free_refuses_while_any_child_may_still_call_back)
{
    struct future f;
    struct aw one[1];
    struct aw two[] = { AW_CORO(work("slow", 2, co_int(1), CO_EXC_NONE)),
                        AW_CORO(work("bad", 1, co_none(), CO_VALUE_ERROR)) };
    struct gather *ga;

    future_init(&f, &L);
    one[0] = AW_FUT(&f);
    ga = new_gather(one, 1, false);
    ck_assert_msg(gather_free(ga) == CO_ESTATE, "gather(f) with f still pending: gather_free "
                  "must refuse with CO_ESTATE, or f calls back a freed gather (hint: a "
                  "gather that is not done yet is refused, whatever its children are)");
    future_set_result(&f, co_int(1), NULL);
    run_all();
    EXPECT_OK(gather_free(ga));
    future_destroy(&f);

    ga = new_gather(two, 2, false);
    loop_call_later(&L, 1.5, stop_loop, NULL, NULL);
    loop_run_forever(&L);
    expect_raises(&ga->fut, CO_VALUE_ERROR, "gather(slow, bad) at t=1.5, where bad raised "
                  "at 1 s");
    ck_assert_msg(gather_free(ga) == CO_ESTATE, "gather(slow, bad) failed at t=1, but slow "
                  "(its first task) runs until t=2: gather_free must refuse with CO_ESTATE "
                  "(hint: check every task the gather made, from the first)");
    run_all();
    EXPECT_OK(gather_free(ga));
}
END_TEST

/* On a closed loop no callback will ever run: gather_free frees a gather
 * that never finished at once, as as_completed_free does. */
START_TEST(test_a_gather_on_a_closed_loop_is_freed_at_once)
{
    struct loop m;
    struct future f[2];
    struct aw aws[2];
    struct gather *ga = NULL;

    EXPECT_OK(loop_init(&m, LOOP_CLOCK_VIRTUAL));
    for (int i = 0; i < 2; i++) {
        future_init(&f[i], &m);
        aws[i] = AW_FUT(&f[i]);
    }
    EXPECT_OK(gather_new(&m, aws, 2, false, &ga));
    future_set_result(&f[0], co_int(0), NULL);   /* its callback queued, never run */
    EXPECT_OK(loop_close(&m));
    ck_assert_msg(gather_free(ga) == CO_OK, "gather(f0, f1) whose loop was closed before it "
                  "finished: gather_free must free it (CO_OK), since no callback will ever "
                  "run again; it gave %s (hint: loop_is_closed)", co_errname(gather_free(ga)));
    for (int i = 0; i < 2; i++)
        future_destroy(&f[i]);
    EXPECT_OK(loop_destroy(&m));
}
END_TEST

static void a_callers_callback(struct future *fut, void *arg)
{
    (void)fut;
    (void)arg;
}

/* Gathers of 64 arguments (coroutines, some twice, and futures), each
 * with 16 done callbacks of the caller's too, run and freed, round after
 * round: the heap in use must not grow. */
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
        /* done callbacks of the caller's: the list needs an array of its own */
        for (int i = 0; i < 16; i++)
            future_add_done_callback(&ga->fut, a_callers_callback, NULL);
        for (int i = 0; i < 4; i++)
            future_set_result(&f[i], co_int(i), NULL);
        run_all();
        expect_result(&ga->fut, co_ptr(ga), "a gather of 64 arguments, each done");
        EXPECT_OK(gather_free(ga));
        for (int i = 0; i < 4; i++)
            future_destroy(&f[i]);
        trace_reset();
    }
    expect_heap(before, 4096, "40 rounds of a gather of 64 arguments with 16 callbacks of "
                "the caller's, run and freed",
                "gather_free frees every array gather_new allocated (and destroys the "
                "gather's future, whose callbacks have an array), and gather_new its "
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
    tcase_add_test(tc, test_the_same_future_twice_is_one_child_wherever_the_futures_lie);
    tcase_add_test(tc, test_a_child_failing_after_the_gather_failed_counts_as_retrieved);
    tcase_add_test(tc, test_a_cancelled_gather_raises_the_last_childs_CancelledError);
    tcase_add_test(tc, test_gather_result_at_refuses_bad_arguments);
    tcase_add_test(tc, test_gather_free_takes_its_callback_off_a_future_still_pending);
    tcase_add_test(tc, test_gathers_run_and_freed_give_back_all_their_memory);
    tcase_add_test(tc, test_a_failed_gather_nobody_awaited_says_so_when_freed);
    tcase_add_test(tc, test_gather_free_refuses_while_any_child_may_still_call_back);
    tcase_add_test(tc, test_a_gather_on_a_closed_loop_is_freed_at_once);
    suite_add_tcase(s, tc);
    return s;
}
