/* Step 3: as_completed and shield. */
#include "lab05_tests.h"

static void setup(void) { setup_loop(); }
static void teardown(void) { teardown_loop(); }

static struct task *T[3];
static struct future *FS[3];
static struct as_completed *AC;

/* async def main(): for c in as_completed(FS): trace(await c) */
struct ac_main_frame {
    int k;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step ac_main_body(struct gen *g, void *frame)
{
    struct ac_main_frame *f = frame;
    char repr[CO_REPR_MAX];

    GEN_BEGIN(g);
    for (f->k = 0; f->k < 3; f->k++) {
        TASK_TRY_AWAIT_GEN(g, as_completed_next(AC), f->r, f->caught);
        if (f->caught.kind != CO_EXC_NONE)
            trace("got:%s", co_exc_kind_name(f->caught.kind));
        else
            trace("got:%s", co_value_repr(f->r, repr, sizeof repr));
        if (as_completed_left(AC) != (size_t)(2 - f->k))    /* in the trace only if wrong */
            trace("as_completed_left:%zu,expected:%d", as_completed_left(AC), 2 - f->k);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static void three(double da, double db, double dc, enum co_exc_kind b_raises, double timeout)
{
    int r;

    T[0] = new_task(work("a", da, co_int(1), CO_EXC_NONE));
    T[1] = new_task(work("b", db, co_int(2), b_raises));
    T[2] = new_task(work("c", dc, co_int(3), CO_EXC_NONE));
    for (int i = 0; i < 3; i++)
        FS[i] = &T[i]->fut;
    AC = NULL;
    r = as_completed_new(&L, FS, 3, timeout, &AC);
    ck_assert_msg(r == CO_OK && AC, "as_completed_new: expected CO_OK, got %s%s",
                  co_errname(r), todo_hint(r, NULL));
}

static void run_ac_main(void)
{
    struct co_value out;
    struct co_exc exc;
    int r = run_main(gen_new("main", ac_main_body, sizeof(struct ac_main_frame)), &out, &exc);

    ck_assert_msg(r == CO_OK, "main failed: %s", co_errname(r));
    run_all();
    as_completed_free(AC);
    for (int i = 0; i < 3; i++)
        ck_assert_err(task_free(T[i]), CO_OK);
}

START_TEST(test_as_completed_gives_results_in_finishing_order)
{
    three(3, 1, 2, CO_EXC_NONE, WAIT_FOREVER);
    run_ac_main();
    expect_trace("a:start b:start c:start b:end got:2 c:end got:3 a:end got:1",
                 "as_completed on a 3 s, b 1 s, c 2 s");
}
END_TEST

START_TEST(test_as_completed_raises_an_exception_in_its_turn)
{
    three(3, 1, 2, CO_VALUE_ERROR, WAIT_FOREVER);
    run_ac_main();
    expect_trace("a:start b:start c:start b:end got:ValueError c:end got:3 a:end got:1",
                 "as_completed where b (first to finish) raised ValueError");
}
END_TEST

START_TEST(test_as_completed_with_a_timeout_raises_TimeoutError_for_the_rest)
{
    three(3, 1, 2, CO_EXC_NONE, 1.5);
    run_ac_main();
    expect_trace("a:start b:start c:start b:end got:2 got:TimeoutError got:TimeoutError "
                 "c:end a:end", "as_completed(timeout=1.5): b in time, then two timeouts, "
                 "and nothing is cancelled");
}
END_TEST

/* A pending future *inner on L, shielded by *s. */
static void init_shield(struct shield *s, struct future *inner)
{
    int r;

    future_init(inner, &L);
    r = shield_init(s, inner);
    ck_assert_msg(r == CO_OK, "shield_init(&s, &inner): expected CO_OK, got %s%s",
                  co_errname(r), todo_hint(r, NULL));
}

static void set_5(struct loop *loop, void *arg)
{
    (void)loop;
    future_set_result(arg, co_int(5), NULL);
}

START_TEST(test_shield_passes_the_result_through)
{
    struct future inner;
    struct shield s;

    init_shield(&s, &inner);
    loop_call_later(&L, 1, set_5, &inner, NULL);
    run_all();
    expect_result(&s.outer, co_int(5), "shield(inner).result() once inner has 5");
    EXPECT_OK(shield_destroy(&s));
    future_destroy(&inner);
}
END_TEST

START_TEST(test_cancelling_a_shield_leaves_the_inner_task_running)
{
    struct task *t = new_task(work("inner", 2, co_int(8), CO_EXC_NONE));
    struct shield s;

    EXPECT_OK(shield_init(&s, &t->fut));
    ck_assert_msg(future_cancel(&s.outer, NULL), "the shield's outer future can be cancelled");
    run_all();
    ck_assert_msg(future_cancelled(&s.outer), "outer stays CANCELLED");
    expect_result(&t->fut, co_int(8), "the shielded task runs to its end");
    expect_trace("inner:start inner:end", "inner was never cancelled");
    EXPECT_OK(shield_destroy(&s));
    ck_assert_err(task_free(t), CO_OK);
}
END_TEST

/* async def main(): await shield(t) -- main is cancelled */
static struct shield S;
static struct task *victim;
static enum gen_step shielded_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT(g, &S.outer, *r);
    trace("main:got");
    GEN_RETURN(g, *r);
    GEN_END(g);
}

static void cancel_victim(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
}

START_TEST(test_cancelling_a_task_that_awaits_a_shield_spares_the_inner_task)
{
    struct task *inner = new_task(work("inner", 3, co_int(4), CO_EXC_NONE));
    struct task *t;

    EXPECT_OK(shield_init(&S, &inner->fut));
    t = new_task(gen_new("main", shielded_body, sizeof(struct co_value)));
    victim = t;
    loop_call_later(&L, 1, cancel_victim, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&t->fut), "main, cancelled at its await, ends CANCELLED");
    expect_result(&inner->fut, co_int(4), "the inner task is spared and finishes");
    expect_trace("inner:start inner:end", "main never got a result");
    EXPECT_OK(shield_destroy(&S));
    ck_assert_err(task_free(t), CO_OK);
    ck_assert_err(task_free(inner), CO_OK);
}
END_TEST

START_TEST(test_a_cancelled_inner_future_cancels_the_shield)
{
    struct future inner;
    struct shield s;

    init_shield(&s, &inner);
    future_cancel(&inner, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&s.outer), "inner cancelled: outer is CANCELLED too (it "
                  "is %s)", future_state_name(future_state(&s.outer)));
    EXPECT_OK(shield_destroy(&s));
    future_destroy(&inner);
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

/* as_completed freed before its futures are done takes its callbacks off
 * them (or they would call back freed memory). */
START_TEST(test_as_completed_freed_early_takes_its_callbacks_off_the_futures)
{
    three(1, 2, 3, CO_EXC_NONE, 10);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(FS[i]->n_callbacks == 1, "as_completed_new adds one done callback to "
                      "each future: future %d has %u", i, (unsigned)FS[i]->n_callbacks);
    as_completed_free(AC);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(FS[i]->n_callbacks == 0, "as_completed_free with its futures still "
                      "pending must remove its callback from each of them: future %d still "
                      "has %u done callback(s) (hint: future_remove_done_callback for every "
                      "one not done yet, from index 0)", i, (unsigned)FS[i]->n_callbacks);
    as_completed_free(NULL);
    run_all();
    ck_assert_msg(loop_time(&L) == 3.0, "as_completed_free cancels its timer too: the loop "
                  "should end at t=3 with c, not at t=%.1f", loop_time(&L));
    for (int i = 0; i < 3; i++)
        ck_assert_err(task_free(T[i]), CO_OK);
}
END_TEST

static void stop_loop(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

/* a finishes at t=1 while nobody awaits next(); as_completed, freed at
 * t=1.5, takes its callbacks off b and c, still pending (and off no
 * other future: the one that finished is a). */
START_TEST(test_as_completed_freed_after_a_finish_nobody_awaited_leaves_no_callback)
{
    three(1, 2, 3, CO_EXC_NONE, 10);
    loop_call_later(&L, 1.5, stop_loop, NULL, NULL);
    loop_run_forever(&L);
    ck_assert_msg(future_done(FS[0]) && FS[0]->n_callbacks == 0, "at t=1.5, a is done and "
                  "its callback has run (nobody awaited next(): the callback only notes a)");
    as_completed_free(AC);
    for (int i = 1; i < 3; i++)
        ck_assert_msg(FS[i]->n_callbacks == 0, "as_completed(a, b, c) freed at t=1.5, after a "
                      "finished: future %c, still pending, keeps %u done callback(s); "
                      "as_completed_free must take its callback off it (hint: when a future "
                      "finishes, cross out that future, the one equal to it, in the list of "
                      "those still to finish)", "abc"[i], (unsigned)FS[i]->n_callbacks);
    run_all();
    for (int i = 0; i < 3; i++)
        ck_assert_err(task_free(T[i]), CO_OK);
}
END_TEST

/* as_completed on a loop that closes before it is freed: nothing queued
 * will ever run, so as_completed_free frees it at once. */
START_TEST(test_as_completed_freed_after_its_loop_closed_gives_back_its_memory)
{
    size_t before = 0;

    for (int round = 0; round < 42; round++) {
        struct loop m;
        struct future f[3], *fs[3] = { &f[0], &f[1], &f[2] };
        struct as_completed *ac = NULL;

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        EXPECT_OK(loop_init(&m, LOOP_CLOCK_VIRTUAL));
        for (int i = 0; i < 3; i++)
            future_init(&f[i], &m);
        EXPECT_OK(as_completed_new(&m, fs, 3, 5, &ac));
        future_set_result(&f[0], co_int(0), NULL);   /* its callback queued, never run */
        EXPECT_OK(loop_close(&m));
        as_completed_free(ac);
        for (int i = 0; i < 3; i++)
            future_destroy(&f[i]);
        EXPECT_OK(loop_destroy(&m));
    }
    expect_heap(before, 4096, "40 rounds of an as_completed freed after its loop closed",
                "on a closed loop no callback or timer will ever run: as_completed_free "
                "frees it at once");
}
END_TEST

/* Cancelling the shield (the outer future) takes the shield's callback off
 * the inner one, as asyncio's _outer_done_callback does. */
START_TEST(test_a_cancelled_shield_takes_its_callback_off_the_inner_future)
{
    struct future inner;
    struct shield s;

    init_shield(&s, &inner);
    ck_assert_msg(future_cancel(&s.outer, NULL), "future_cancel of the shield's outer");
    run_all();
    ck_assert_msg(!future_done(&inner) && inner.n_callbacks == 0, "once the cancelled "
                  "shield's callbacks ran, inner (still pending) should have no callback of "
                  "the shield left, it has %u (hint: the outer's done callback removes the "
                  "inner's)", (unsigned)inner.n_callbacks);
    EXPECT_OK(shield_destroy(&s));
    future_destroy(&inner);
}
END_TEST

/* A shield destroyed while its inner future still runs takes its callback
 * off the inner one (or the inner one would call back a dead shield). */
START_TEST(test_shield_destroy_takes_its_callback_off_a_pending_inner_future)
{
    struct future inner;
    struct shield s;

    init_shield(&s, &inner);
    ck_assert_msg(inner.n_callbacks == 1, "shield_init adds one done callback to inner, "
                  "found %u", (unsigned)inner.n_callbacks);
    EXPECT_OK(shield_destroy(&s));
    ck_assert_msg(inner.n_callbacks == 0, "shield_destroy with inner still pending must "
                  "remove its callback from inner: inner still has %u (hint: "
                  "future_remove_done_callback)", (unsigned)inner.n_callbacks);
    future_set_result(&inner, co_int(1), NULL);
    run_all();
    future_destroy(&inner);
}
END_TEST

/* The shield cancelled, then inner failing in the same iteration: the
 * shield's callback still marks inner's exception retrieved (asyncio's
 * _inner_done_callback: `if outer.cancelled(): inner.exception()`), so
 * nobody is told it "was never retrieved". */
START_TEST(test_an_inner_failure_after_the_shield_was_cancelled_counts_as_retrieved)
{
    struct future inner;
    struct shield s;
    struct co_exc boom = co_exc_make(CO_VALUE_ERROR, "boom");

    init_shield(&s, &inner);
    future_cancel(&s.outer, NULL);
    future_set_exception(&inner, &boom, NULL);
    run_all();
    ck_assert_msg(!inner.log_exception, "shield(inner): the shield cancelled, then inner "
                  "failing with ValueError in the same iteration; the shield's callback on "
                  "inner must mark its exception retrieved (future_exception), as asyncio's "
                  "does, unless inner was cancelled");
    EXPECT_OK(shield_destroy(&s));
    future_destroy(&inner);
    ck_assert_err(shield_init(NULL, &inner), CO_EINVAL);
    ck_assert_err(shield_init(&s, NULL), CO_EINVAL);
}
END_TEST

START_TEST(test_as_completed_new_refuses_bad_arguments_and_takes_nothing)
{
    struct future f, other_loops;
    struct loop m;
    struct future *fs[2] = { &f, NULL };
    struct as_completed *ac = NULL;

    future_init(&f, &L);
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_VIRTUAL));
    future_init(&other_loops, &m);
    ck_assert_err(as_completed_new(NULL, fs, 1, WAIT_FOREVER, &ac), CO_EINVAL);
    ck_assert_err(as_completed_new(&L, fs, 1, WAIT_FOREVER, NULL), CO_EINVAL);
    ck_assert_err(as_completed_new(&L, NULL, 1, WAIT_FOREVER, &ac), CO_EINVAL);
    ck_assert_err(as_completed_new(&L, fs, 2, WAIT_FOREVER, &ac), CO_EINVAL);
    fs[1] = &other_loops;
    ck_assert_err(as_completed_new(&L, fs, 2, WAIT_FOREVER, &ac), CO_EINVAL);
    fs[0] = &other_loops;                   /* the first one is checked too */
    fs[1] = &f;
    ck_assert_err(as_completed_new(&L, fs, 2, WAIT_FOREVER, &ac), CO_EINVAL);
    ck_assert_msg(as_completed_left(NULL) == 0, "as_completed_left(NULL) is 0, not %zu",
                  as_completed_left(NULL));
    ck_assert_msg(ac == NULL && f.n_callbacks == 0, "a refused as_completed_new gives "
                  "nothing and adds no callback (f has %u)", (unsigned)f.n_callbacks);
    future_destroy(&other_loops);
    loop_destroy(&m);
    future_destroy(&f);
}
END_TEST

/* as_completed (with and without a timeout that fires, read to the end or
 * freed early) and shield, round after round: the heap must not grow. */
START_TEST(test_as_completed_and_shield_give_back_all_their_memory)
{
    size_t before = 0;

    for (int round = 0; round < 42; round++) {
        struct future inner;
        struct shield s;

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        three(3, 1, 2, CO_EXC_NONE, WAIT_FOREVER);
        run_ac_main();
        three(3, 1, 2, CO_VALUE_ERROR, 1.5);
        run_ac_main();
        three(3, 1, 2, CO_EXC_NONE, 1.5);
        as_completed_free(AC);
        run_all();
        for (int i = 0; i < 3; i++)
            ck_assert_err(task_free(T[i]), CO_OK);
        init_shield(&s, &inner);
        loop_call_later(&L, 1, set_5, &inner, NULL);
        run_all();
        EXPECT_OK(shield_destroy(&s));
        future_destroy(&inner);
        trace_reset();
    }
    expect_heap(before, 4096, "40 rounds of as_completed and shield, each run to its end",
                "as_completed_free, or the last callback or timer after it, frees what "
                "as_completed_new allocated; the timer's callback lets go of it too");
}
END_TEST

Suite *make_compose_suite(void)
{
    Suite *s = suite_create("compose");
    TCase *tc = tcase_create("compose");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_as_completed_gives_results_in_finishing_order);
    tcase_add_test(tc, test_as_completed_raises_an_exception_in_its_turn);
    tcase_add_test(tc, test_as_completed_with_a_timeout_raises_TimeoutError_for_the_rest);
    tcase_add_test(tc, test_shield_passes_the_result_through);
    tcase_add_test(tc, test_cancelling_a_shield_leaves_the_inner_task_running);
    tcase_add_test(tc, test_cancelling_a_task_that_awaits_a_shield_spares_the_inner_task);
    tcase_add_test(tc, test_a_cancelled_inner_future_cancels_the_shield);
    tcase_add_test(tc, test_as_completed_freed_early_takes_its_callbacks_off_the_futures);
    tcase_add_test(tc, test_as_completed_freed_after_a_finish_nobody_awaited_leaves_no_callback);
    tcase_add_test(tc, test_as_completed_and_shield_give_back_all_their_memory);
    tcase_add_test(tc, test_as_completed_new_refuses_bad_arguments_and_takes_nothing);
    tcase_add_test(tc, test_shield_destroy_takes_its_callback_off_a_pending_inner_future);
    tcase_add_test(tc, test_as_completed_freed_after_its_loop_closed_gives_back_its_memory);
    tcase_add_test(tc, test_a_cancelled_shield_takes_its_callback_off_the_inner_future);
    tcase_add_test(tc, test_an_inner_failure_after_the_shield_was_cancelled_counts_as_retrieved);
    suite_add_tcase(s, tc);
    return s;
}
