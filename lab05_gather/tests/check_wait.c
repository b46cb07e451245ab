/* Step 2: wait and wait_for.  Both are coroutines that await a private
 * waiter future; wait cancels nothing, wait_for cancels on its timeout. */
#include "lab05_tests.h"

#include <stdio.h>
#include <string.h>

static void setup(void) { setup_loop(); }
static void teardown(void) { teardown_loop(); }

/* Three tasks a (1 s), b (2 s, maybe raising), c (3 s), and a main task
 * that awaits wait() on them and traces what it got. */
static struct task *T[3];
static struct aw AWS[3];
static struct future *DONE[3], *PENDING[3];
static struct wait_sets SETS;

static void make_three(enum co_exc_kind b_raises)
{
    T[0] = new_task(work("a", 1, co_int(1), CO_EXC_NONE));
    T[1] = new_task(work("b", 2, co_int(2), b_raises));
    T[2] = new_task(work("c", 3, co_int(3), CO_EXC_NONE));
    for (int i = 0; i < 3; i++)
        AWS[i] = AW_FUT(&T[i]->fut);
    /* counts left from an earlier wait: wait sets them, whatever they were */
    SETS = (struct wait_sets){ .done = DONE, .pending = PENDING, .n_done = 2, .n_pending = 1 };
}

static void free_three(void)
{
    run_all();
    for (int i = 0; i < 3; i++) {
        if (T[i]->fut.log_exception) {
            struct co_exc e;
            future_exception(&T[i]->fut, &e);
        }
        ck_assert_err(task_free(T[i]), CO_OK);
    }
}

/* Which of a, b, c a set holds: "a b" ("?" for an entry that is none of
 * them: a slot the wait did not fill) */
static const char *names(struct future **v, size_t n)
{
    static char buf[2][48];
    static int k;
    char *b = buf[k++ & 1];

    if (n > 3) {
        snprintf(b, sizeof buf[0], "%zu entries, of 3 futures", n);
        return b;
    }
    b[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int j = 0;

        while (j < 3 && v[i] != &T[j]->fut)
            j++;
        if (b[0])
            strcat(b, " ");
        strcat(b, j < 3 ? (const char *[]){ "a", "b", "c" }[j] : "?");
    }
    return b;
}

/* wait(AWS, n, timeout, when), awaited by a main task; *then = the loop's
 * clock when it returned. */
static void run_wait(size_t n, double timeout, enum wait_when when, int *r, struct co_exc *exc)
{
    struct co_value out;
    struct gen *w = wait_new(AWS, n, timeout, when, &SETS);

    ck_assert_msg(w, "wait_new returned NULL (the skeleton's TODO?)");
    *r = run_main(w, &out, exc);
}

/* make_three(b_raises), then wait(a, b, c, timeout, when) in a main task:
 * it must return (CO_OK), or the test fails saying `what` failed. */
static void wait_on_three(enum co_exc_kind b_raises, double timeout, enum wait_when when,
                          const char *what)
{
    int r;
    struct co_exc exc;

    make_three(b_raises);
    run_wait(3, timeout, when, &r, &exc);
    ck_assert_msg(r == CO_OK, "%s failed: %s%s", what, co_errname(r), todo_hint(r, &exc));
}

#define expect_sets(want_d, want_p, situation) do {                                      \
        ck_assert_msg(strcmp(names(SETS.done, SETS.n_done), (want_d)) == 0 &&             \
                      strcmp(names(SETS.pending, SETS.n_pending), (want_p)) == 0,      \
                      "%s: expected done {%s} and pending {%s}, got done {%s} and "     \
                      "pending {%s}", (situation), (want_d), (want_p),                   \
                      names(SETS.done, SETS.n_done), names(SETS.pending, SETS.n_pending)); \
    } while (0)

START_TEST(test_wait_FIRST_COMPLETED_returns_when_one_is_done_and_cancels_nothing)
{
    wait_on_three(CO_EXC_NONE, WAIT_FOREVER, WAIT_FIRST_COMPLETED, "wait(FIRST_COMPLETED)");
    expect_sets("a", "b c", "wait(FIRST_COMPLETED) on a 1 s, b 2 s, c 3 s");
    ck_assert_msg(!future_cancelled(&T[1]->fut) && !future_cancelled(&T[2]->fut),
                  "wait cancels nothing");
    free_three();
    expect_trace("a:start b:start c:start a:end b:end c:end", "b and c go on to their end");
}
END_TEST

START_TEST(test_wait_FIRST_EXCEPTION_returns_at_the_first_failure)
{
    wait_on_three(CO_VALUE_ERROR, WAIT_FOREVER, WAIT_FIRST_EXCEPTION, "wait(FIRST_EXCEPTION)");
    expect_sets("a b", "c", "wait(FIRST_EXCEPTION) where b raises at t=2");
    free_three();
}
END_TEST

START_TEST(test_wait_FIRST_EXCEPTION_without_a_failure_waits_for_all)
{
    wait_on_three(CO_EXC_NONE, WAIT_FOREVER, WAIT_FIRST_EXCEPTION, "wait(FIRST_EXCEPTION)");
    expect_sets("a b c", "", "wait(FIRST_EXCEPTION) where nothing fails");
    ck_assert_msg(loop_time(&L) == 3.0, "it returns when the last is done, t=3 (t=%.1f)",
                  loop_time(&L));
    free_three();
}
END_TEST

START_TEST(test_wait_ALL_COMPLETED_returns_every_future_done)
{
    wait_on_three(CO_VALUE_ERROR, WAIT_FOREVER, WAIT_ALL_COMPLETED, "wait(ALL_COMPLETED)");
    expect_sets("a b c", "", "wait(ALL_COMPLETED): a failure does not stop it");
    free_three();
}
END_TEST

/* record the clock when main's wait returned */
static double returned_at;
static enum gen_step timed_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, wait_new(AWS, 3, 1.5, WAIT_ALL_COMPLETED, &SETS), *r);
    returned_at = loop_time(task_running_loop());
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

START_TEST(test_wait_with_a_timeout_returns_what_is_done_then_and_cancels_nothing)
{
    struct co_value out;
    struct co_exc exc;
    int r;

    make_three(CO_EXC_NONE);
    returned_at = -1;
    r = run_main(gen_new("main", timed_body, sizeof(struct co_value)), &out, &exc);
    ck_assert_msg(r == CO_OK, "wait(timeout=1.5) failed: %s%s", co_errname(r),
                  todo_hint(r, &exc));
    ck_assert_msg(returned_at == 1.5, "wait(timeout=1.5) returns at t=1.5, not %.2f",
                  returned_at);
    expect_sets("a", "b c", "wait(ALL_COMPLETED, timeout=1.5)");
    ck_assert_msg(!future_cancelled(&T[1]->fut) && !future_cancelled(&T[2]->fut),
                  "the timeout cancels nothing: b and c go on");
    free_three();
    expect_trace("a:start b:start c:start a:end b:end c:end", "b and c run to their end");
}
END_TEST

static unsigned c_callbacks_then;
static void note_c_callbacks(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    c_callbacks_then = T[2]->fut.n_callbacks;
}

/* wait takes its callback off every future it watched once it returns
 * (asyncio: remove_done_callback on each), the first one too: wait(c, a)
 * returns at t=1, and at t=1.5 c, still pending, has no callback. */
START_TEST(test_wait_takes_its_callback_off_each_future_still_pending)
{
    int r;
    struct co_exc exc;

    make_three(CO_EXC_NONE);
    AWS[0] = AW_FUT(&T[2]->fut);
    AWS[1] = AW_FUT(&T[0]->fut);
    c_callbacks_then = 99;
    loop_call_later(&L, 1.5, note_c_callbacks, NULL, NULL);
    run_wait(2, WAIT_FOREVER, WAIT_FIRST_COMPLETED, &r, &exc);
    ck_assert_msg(r == CO_OK, "wait(c, a, FIRST_COMPLETED) failed: %s%s", co_errname(r),
                  todo_hint(r, &exc));
    expect_sets("a", "c", "wait(c, a, FIRST_COMPLETED) where a is done at 1 s, c at 3 s");
    ck_assert_msg(c_callbacks_then == 0, "wait(c, a) returned at t=1 with c still pending: "
                  "it must have taken its callback off c, as asyncio's wait does; at t=1.5 "
                  "c had %u done callback(s) (hint: the loop after the await, over every "
                  "future from the first)", c_callbacks_then);
    free_three();
}
END_TEST

START_TEST(test_wait_of_an_empty_set_is_ValueError)
{
    int r;
    struct co_exc exc = { 0 };

    SETS = (struct wait_sets){ .done = DONE, .pending = PENDING };
    run_wait(0, WAIT_FOREVER, WAIT_ALL_COMPLETED, &r, &exc);
    expect_outcome_raises(r, exc, CO_VALUE_ERROR, "await asyncio.wait([])");
    ck_assert_str_eq(co_exc_msg(&exc), "Set of Tasks/Futures is empty.");
}
END_TEST

START_TEST(test_wait_refuses_a_coroutine_as_python_3_11_does)
{
    int r;
    struct co_exc exc = { 0 };
    struct gen *c = work("c", 1, co_none(), CO_EXC_NONE);

    AWS[0] = AW_CORO(c);
    SETS = (struct wait_sets){ .done = DONE, .pending = PENDING };
    run_wait(1, WAIT_FOREVER, WAIT_ALL_COMPLETED, &r, &exc);
    expect_outcome_raises(r, exc, CO_TYPE_ERROR, "await asyncio.wait([coro()])");
    ck_assert_str_eq(co_exc_msg(&exc), "Passing coroutines is forbidden, use tasks explicitly.");
    ck_assert_msg(gen_state(c) == GEN_CREATED, "the coroutine is refused, never run");
    gen_free(c);
}
END_TEST

/* wait_for(aw, timeout) awaited by a main task */
static int run_wait_for(struct aw aw, double timeout, struct co_value *out, struct co_exc *exc)
{
    struct gen *w = wait_for_new(aw, timeout);

    ck_assert_msg(w, "wait_for_new returned NULL (the skeleton's TODO?)");
    return run_main(w, out, exc);
}

START_TEST(test_wait_for_in_time_returns_the_result)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work("a", 1, co_int(42), CO_EXC_NONE)), 5, &out, &exc);

    expect_outcome(r, out, exc, co_int(42), "wait_for(a(), 5) where a takes 1 s");
    ck_assert_msg(loop_time(&L) == 1.0, "and returns at t=1, not %.1f (a timer left "
                  "behind keeps the loop going: cancel it)", loop_time(&L));
}
END_TEST

START_TEST(test_wait_for_timeout_cancels_the_inner_task_waits_for_it_then_TimeoutError)
{
    struct co_value out;
    struct co_exc exc;
    size_t before = task_alive();
    int r = run_wait_for(AW_CORO(work("slow", 10, co_int(1), CO_EXC_NONE)), 2, &out, &exc);

    expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "wait_for(slow(), 2), slow takes 10 s");
    expect_trace("slow:start", "slow is cancelled at its sleep");
    ck_assert_msg(loop_time(&L) == 2.0, "TimeoutError comes at t=2, not %.1f", loop_time(&L));
    ck_assert_msg(task_alive() == before, "the task wait_for made is freed (%zu left)",
                  task_alive() - before);
}
END_TEST

START_TEST(test_wait_for_returns_the_result_of_an_inner_task_that_swallows_the_cancel)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work_catching("stubborn", 10, co_int(9))), 2, &out, &exc);

    expect_outcome(r, out, exc, co_int(9), "wait_for(stubborn(), 2): the inner task catches "
                   "the CancelledError and returns 9 (3.11 returns it)");
    expect_trace("stubborn:start stubborn:cancelled", "wait_for waited for it to finish");
}
END_TEST

START_TEST(test_wait_for_without_a_timeout_waits_for_ever)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work("a", 1000, co_int(3), CO_EXC_NONE)), WAIT_FOREVER,
                         &out, &exc);

    expect_outcome(r, out, exc, co_int(3), "wait_for(a(), None)");
    ck_assert_msg(loop_time(&L) == 1000.0, "it waited the whole 1000 s (t=%.1f)",
                  loop_time(&L));
}
END_TEST

START_TEST(test_wait_for_with_timeout_0_of_a_pending_future_is_TimeoutError_at_once)
{
    struct co_value out;
    struct co_exc exc;
    struct future f;
    int r;

    future_init(&f, &L);
    r = run_wait_for(AW_FUT(&f), 0, &out, &exc);
    expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "wait_for(fut, 0) of a pending future");
    ck_assert_msg(future_cancelled(&f), "the future is cancelled first");
    future_destroy(&f);
}
END_TEST

START_TEST(test_wait_for_raises_what_the_inner_one_raises)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work("bad", 1, co_none(), CO_KEY_ERROR)), 5, &out, &exc);

    expect_outcome_raises(r, exc, CO_KEY_ERROR, "wait_for(bad(), 5), bad raises KeyError");
}
END_TEST

/* main awaits wait_for(slow(), 100); main is cancelled at t=1 */
static struct task *victim;
static void cancel_victim(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
}

START_TEST(test_cancelling_the_task_in_wait_for_cancels_the_inner_one)
{
    struct task *t = new_task(NEW_CORO(wait_for_new(
        AW_CORO(work("slow", 50, co_int(1), CO_EXC_NONE)), 100)));

    victim = t;
    loop_call_later(&L, 1, cancel_victim, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&t->fut), "the task awaiting wait_for, cancelled, ends "
                  "CANCELLED (it is %s)", future_state_name(future_state(&t->fut)));
    expect_trace("slow:start", "slow never reaches its end");
    ck_assert_msg(loop_time(&L) == 1.0, "nothing waits the 50 s (t=%.1f)", loop_time(&L));
    ck_assert_err(task_free(t), CO_OK);
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

static void cancel_victim_bye(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, "bye");
}

/* The task awaiting wait_for(inner, 100), cancelled with "bye" at t=1,
 * cancels inner, waits for it, then raises its own CancelledError("bye"),
 * also when inner caught the cancellation and returned (3.11's wait_for:
 * `await _cancel_and_wait(fut); raise`). */
START_TEST(test_a_task_cancelled_in_wait_for_raises_its_own_CancelledError)
{
    for (int catching = 0; catching < 2; catching++) {
        struct task *t = new_task(NEW_CORO(wait_for_new(
            AW_CORO(catching ? work_catching("inner", 50, co_int(9))
                             : work("inner", 50, co_int(9), CO_EXC_NONE)), 100)));
        struct co_exc e = { 0 };

        victim = t;
        loop_call_later(&L, 1, cancel_victim_bye, NULL, NULL);
        run_all();
        future_exception(&t->fut, &e);
        ck_assert_msg(future_cancelled(&t->fut) && e.msg && strcmp(e.msg, "bye") == 0,
                      "the task awaiting wait_for(inner(), 100), cancelled with \"bye\" at "
                      "t=1, where inner %s: the task must end CANCELLED with "
                      "CancelledError('bye'), as in CPython; it is %s%s%s%s (hint: after "
                      "waiting for the inner one, raise the CancelledError the task got, "
                      "not the inner one's outcome)",
                      catching ? "catches the CancelledError and returns 9" : "is cancelled",
                      future_state_name(future_state(&t->fut)), e.msg ? " with \"" : "",
                      e.msg ? e.msg : "", e.msg ? "\"" : "");
        ck_assert_err(task_free(t), CO_OK);
        trace_reset();
    }
}
END_TEST

/* A timeout below one second is a timeout all the same: TimeoutError at
 * t=0.5, not at once. */
START_TEST(test_wait_for_with_a_timeout_below_a_second_waits_that_long)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work("slow", 2, co_int(1), CO_EXC_NONE)), 0.5, &out, &exc);

    expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "wait_for(slow(), 0.5), slow takes 2 s");
    ck_assert_msg(loop_time(&L) == 0.5, "TimeoutError comes at t=0.5, not %.2f (hint: any "
                  "timeout above 0 waits; only timeout <= 0 decides at once)", loop_time(&L));
}
END_TEST

/* wait(timeout=10) whose task is cancelled at t=0.5 cancels its timer
 * (asyncio's finally: timeout_handle.cancel()): nothing is left for t=10. */
START_TEST(test_wait_cancelled_before_its_timeout_cancels_its_timer)
{
    struct task *t;

    make_three(CO_EXC_NONE);
    t = new_task(NEW_CORO(wait_new(AWS, 3, 10, WAIT_ALL_COMPLETED, &SETS)));
    victim = t;
    loop_call_later(&L, 0.5, cancel_victim, NULL, NULL);
    free_three();
    ck_assert_msg(future_cancelled(&t->fut), "the task awaiting wait(timeout=10), "
                  "cancelled at t=0.5, ends CANCELLED (it is %s)",
                  future_state_name(future_state(&t->fut)));
    ck_assert_msg(loop_time(&L) == 3.0, "after the task in wait was cancelled and c ended "
                  "at t=3, the loop should have nothing left, but it ran until t=%.1f "
                  "(hint: however wait ends, its finally cancels its timer)", loop_time(&L));
    ck_assert_err(task_free(t), CO_OK);
}
END_TEST

/* wait_for(coro(), 0): asyncio cancels the task it made before its first
 * step, so the coroutine never runs, and raises TimeoutError at once. */
START_TEST(test_wait_for_with_timeout_0_of_a_coroutine_never_runs_it)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_wait_for(AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)), 0, &out, &exc);

    expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "wait_for(a(), 0)");
    expect_trace("", "with timeout 0 the task made for a() is cancelled before its first "
                 "step, so a never starts (hint: a timeout <= 0 needs no timer: cancel at "
                 "once)");
    ck_assert_msg(loop_time(&L) == 0.0, "wait_for(a(), 0) raises at t=0, not %.1f",
                  loop_time(&L));
}
END_TEST

/* wait and wait_for, round after round: the heap in use must not grow. */
START_TEST(test_waits_and_wait_fors_give_back_all_their_memory)
{
    size_t before = 0;
    struct co_value out;
    struct co_exc exc;

    for (int round = 0; round < 42; round++) {
        int r;

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        wait_on_three(CO_EXC_NONE, 10, WAIT_FIRST_COMPLETED, "wait(FIRST_COMPLETED)");
        free_three();
        wait_on_three(CO_VALUE_ERROR, 1.5, WAIT_ALL_COMPLETED, "wait(timeout=1.5)");
        free_three();
        r = run_wait_for(AW_CORO(work("a", 1, co_int(1), CO_EXC_NONE)), 5, &out, &exc);
        expect_outcome(r, out, exc, co_int(1), "wait_for(a(), 5), a takes 1 s");
        r = run_wait_for(AW_CORO(work("slow", 10, co_int(1), CO_EXC_NONE)), 2, &out, &exc);
        expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "wait_for(slow(), 2)");
        trace_reset();
    }
    expect_heap(before, 4096, "40 rounds of wait and wait_for, each run to its end",
                "every block that wait and wait_for allocate is freed when they return");
}
END_TEST

Suite *make_wait_suite(void)
{
    Suite *s = suite_create("wait");
    TCase *tc = tcase_create("wait");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_wait_FIRST_COMPLETED_returns_when_one_is_done_and_cancels_nothing);
    tcase_add_test(tc, test_wait_FIRST_EXCEPTION_returns_at_the_first_failure);
    tcase_add_test(tc, test_wait_FIRST_EXCEPTION_without_a_failure_waits_for_all);
    tcase_add_test(tc, test_wait_ALL_COMPLETED_returns_every_future_done);
    tcase_add_test(tc, test_wait_with_a_timeout_returns_what_is_done_then_and_cancels_nothing);
    tcase_add_test(tc, test_wait_takes_its_callback_off_each_future_still_pending);
    tcase_add_test(tc, test_wait_of_an_empty_set_is_ValueError);
    tcase_add_test(tc, test_wait_refuses_a_coroutine_as_python_3_11_does);
    tcase_add_test(tc, test_wait_for_in_time_returns_the_result);
    tcase_add_test(tc, test_wait_for_timeout_cancels_the_inner_task_waits_for_it_then_TimeoutError);
    tcase_add_test(tc, test_wait_for_returns_the_result_of_an_inner_task_that_swallows_the_cancel);
    tcase_add_test(tc, test_wait_for_without_a_timeout_waits_for_ever);
    tcase_add_test(tc, test_wait_for_with_timeout_0_of_a_pending_future_is_TimeoutError_at_once);
    tcase_add_test(tc, test_wait_for_raises_what_the_inner_one_raises);
    tcase_add_test(tc, test_cancelling_the_task_in_wait_for_cancels_the_inner_one);
    tcase_add_test(tc, test_wait_cancelled_before_its_timeout_cancels_its_timer);
    tcase_add_test(tc, test_waits_and_wait_fors_give_back_all_their_memory);
    tcase_add_test(tc, test_wait_for_with_timeout_0_of_a_coroutine_never_runs_it);
    tcase_add_test(tc, test_a_task_cancelled_in_wait_for_raises_its_own_CancelledError);
    tcase_add_test(tc, test_wait_for_with_a_timeout_below_a_second_waits_that_long);
    suite_add_tcase(s, tc);
    return s;
}
