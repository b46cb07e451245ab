/* Step 5: the running task, all tasks, names, and sleep on the virtual
 * clock (up to 100,000 tasks at once). */
#include "lab04_tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records whether task_current(&L) is its own task (self_task[k]). */
static struct task *self_task[2];

struct who_frame {
    int k;
};

static enum gen_step who_body(struct gen *g, void *frame)
{
    struct who_frame *f = frame;

    GEN_BEGIN(g);
    trace("%d:%s", f->k, task_current(&L) == self_task[f->k] ? "me" : "not me");
    trace("%s", task_running_loop() == &L ? "L" : "not L");
    GEN_YIELD(g, co_none());
    trace("%d:%s", f->k, task_current(&L) == self_task[f->k] ? "me" : "not me");
    GEN_END(g);
}

static struct gen *who_new(int k)
{
    struct gen *g = gen_new("who", who_body, sizeof(struct who_frame));

    if (g)
        ((struct who_frame *)gen_frame(g))->k = k;
    return g;
}

START_TEST(test_current_task_is_the_task_whose_step_runs)
{
    self_task[0] = NEW_TASK(who_new(0), NULL);
    self_task[1] = NEW_TASK(who_new(1), NULL);
    ck_assert_msg(task_current(&L) == NULL, "outside any step, current_task is NULL");
    run_all("running two tasks");
    expect_trace("0:me L 1:me L 0:me 1:me", "inside each step, task_current(loop) is the "
                 "task that runs it, and task_running_loop() its loop");
    ck_assert_msg(task_current(&L) == NULL && task_running_loop() == NULL,
                  "after the steps, there is no current task and no running loop");
    FREE_TASK(self_task[0]);
    FREE_TASK(self_task[1]);
}
END_TEST

START_TEST(test_all_tasks_lists_the_unfinished_tasks_in_creation_order)
{
    struct script a = { .name = "a", .bare_yields = 2 };
    struct script b = { .name = "b" };
    struct script c = { .name = "c", .bare_yields = 1 };
    struct task *ta = NEW_TASK(script_new(&a), NULL);
    struct task *tb = NEW_TASK(script_new(&b), NULL);
    struct task *tc = NEW_TASK(script_new(&c), NULL);
    struct task *got[4] = { NULL };
    size_t n = task_all(&L, got, 4);

    ck_assert_msg(n == 3 && got[0] == ta && got[1] == tb && got[2] == tc,
                  "all_tasks of three new tasks: expected the three, in creation order; "
                  "got %zu", n);
    run_once("one step each");
    n = task_all(&L, got, 4);
    ck_assert_msg(n == 2 && got[0] == ta && got[1] == tc, "after b finished, all_tasks "
                  "lists only the unfinished a and c; got %zu tasks", n);
    ck_assert_msg(task_all(&L, NULL, 0) == 2, "task_all with max 0 still counts them all");
    run_all("running to the end");
    ck_assert_msg(task_all(&L, got, 4) == 0, "all_tasks once every task is done: none");
    FREE_TASK(ta);
    FREE_TASK(tb);
    FREE_TASK(tc);
}
END_TEST

START_TEST(test_task_names_default_to_Task_N_and_can_be_set)
{
    struct script a = { .name = "a" }, b = { .name = "b" };
    struct task *ta = NEW_TASK(script_new(&a), NULL);
    struct task *tb = NEW_TASK(script_new(&b), "worker");
    char buf[32], want[32];

    snprintf(want, sizeof want, "Task-%u", (unsigned)ta->id);
    ck_assert_msg(strcmp(task_name(ta, buf, sizeof buf), want) == 0,
                  "a task created without a name is called \"%s\", got \"%s\"", want,
                  task_name(ta, buf, sizeof buf));
    ck_assert_msg(tb->id == ta->id + 1, "task ids count up in creation order: %u then %u",
                  (unsigned)ta->id, (unsigned)tb->id);
    ck_assert_msg(strcmp(task_name(tb, buf, sizeof buf), "worker") == 0,
                  "a task created with the name \"worker\" is called that, got \"%s\"",
                  task_name(tb, buf, sizeof buf));
    task_set_name(ta, "renamed");
    ck_assert_msg(strcmp(task_name(ta, buf, sizeof buf), "renamed") == 0,
                  "after set_name(\"renamed\"), got \"%s\"", task_name(ta, buf, sizeof buf));
    run_all("running them");
    FREE_TASK(ta);
    FREE_TASK(tb);
}
END_TEST

/* async def say_after(delay, what): await asyncio.sleep(delay); print(what) */
struct say_frame {
    double delay;
    const char *what;
    struct co_value r;
};

static enum gen_step say_after_body(struct gen *g, void *frame)
{
    struct say_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(f->delay, co_str(f->what)), f->r);
    trace("%s@%g", f->r.kind == CO_STR ? f->r.as.s : "?", loop_time(&L));
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

static struct gen *say_after(double delay, const char *what)
{
    struct gen *g = gen_new("say_after", say_after_body, sizeof(struct say_frame));

    if (g) {
        ((struct say_frame *)gen_frame(g))->delay = delay;
        ((struct say_frame *)gen_frame(g))->what = what;
    }
    return g;
}

START_TEST(test_sleep_waits_on_the_loop_s_clock_and_returns_its_result)
{
    struct task *t = NEW_TASK(say_after(1.5, "hello"), NULL);

    run_all("running say_after(1.5, 'hello')");
    expect_trace("hello@1.5", "sleep(1.5, result) wakes the task 1.5 s later on the "
                 "virtual clock and returns its result");
    expect_result(&t->fut, co_str("hello"), "the task's result");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "after the sleep, the loop holds no "
                  "handle (the timer fired and is gone)");
    FREE_TASK(t);
}
END_TEST

/* async def main(): await say_after(1, 'hello'); await say_after(2, 'world') */
struct in_turn_frame {
    struct co_value r;
};

static enum gen_step in_turn_body(struct gen *g, void *frame)
{
    struct in_turn_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, say_after(1, "hello"), f->r);
    TASK_AWAIT_GEN(g, say_after(2, "world"), f->r);
    GEN_END(g);
}

START_TEST(test_say_after_awaited_in_turn_takes_3_s_and_as_two_tasks_2_s)
{
    struct task *t = NEW_TASK(gen_new("main", in_turn_body, sizeof(struct in_turn_frame)),
                              NULL);
    struct task *t1, *t2;

    run_all("awaiting say_after(1) then say_after(2)");
    expect_trace("hello@1 world@3", "awaited one after the other, the sleeps add up: 3 s");
    FREE_TASK(t);
    trace_reset();
    {
        double start = loop_time(&L);
        t1 = NEW_TASK(say_after(1, "hello"), NULL);
        t2 = NEW_TASK(say_after(2, "world"), NULL);
        run_all("running say_after(1) and say_after(2) as two tasks");
        ck_assert_msg(loop_time(&L) - start == 2.0, "as two tasks they sleep at the same "
                      "time: 2 s in all, not %g", loop_time(&L) - start);
    }
    expect_trace("hello@4 world@5", "the two tasks sleep side by side");
    FREE_TASK(t1);
    FREE_TASK(t2);
}
END_TEST

START_TEST(test_sleep_0_is_one_bare_yield)
{
    struct script other = { .name = "other", .bare_yields = 1 };
    struct task *to = NEW_TASK(script_new(&other), NULL);
    struct task *ts = NEW_TASK(say_after(0, "zero"), NULL);

    run_all("running sleep(0) beside a task that yields once");
    expect_trace("other:start other:0 zero@0", "sleep(0) yields once (the other task gets "
                 "a turn) and sets no timer: the clock stays at 0");
    ck_assert_msg(loop_time(&L) == 0, "sleep(0) must not move the clock");
    FREE_TASK(to);
    FREE_TASK(ts);
}
END_TEST

START_TEST(test_cancelling_a_sleeping_task_cancels_its_timer)
{
    struct task *t = NEW_TASK(say_after(3600, "never"), NULL);

    run_once("the first step: the task sleeps an hour");
    ck_assert_msg(loop_timer_count(&L) == 1, "a sleeping task has one timer on the loop, "
                  "found %zu", loop_timer_count(&L));
    ck_assert_msg(task_awaiting(t) != NULL, "the sleeping task awaits sleep's future");
    ck_assert_msg(task_cancel(t, NULL), "cancel() of the sleeping task: true");
    run_all("running the loop");
    expect_fut_state(&t->fut, FUTURE_CANCELLED, "the task");
    ck_assert_msg(loop_time(&L) == 0, "the cancelled sleep's timer must be cancelled too: "
                  "the virtual clock jumped to %g", loop_time(&L));
    ck_assert_msg(loop_timer_count(&L) == 0
                  || (loop_timer_at(&L, 0) && loop_timer_at(&L, 0)->cancelled),
                  "the sleep's timer must have been cancelled (loop_handle_cancel), so "
                  "that it never fires into a dead frame");
    FREE_TASK(t);
}
END_TEST

START_TEST(test_sleep_outside_a_task_raises_RuntimeError)
{
    struct gen *g = task_sleep(1, co_none());
    struct co_value out;
    struct co_exc exc = { 0 };
    int r;

    ck_assert_msg(g != NULL, "task_sleep(1, None) returned NULL");
    r = gen_next(g, &out, &exc);
    ck_assert_msg(r == GEN_RAISED && exc.kind == CO_RUNTIME_ERROR
                  && strstr(co_exc_msg(&exc), "no running event loop"),
                  "sleep(1) run outside any task: expected RuntimeError \"no running "
                  "event loop\", got %s %s", gen_outcome_name(r), co_exc_msg(&exc));
    gen_free(g);
}
END_TEST

/* 100,000 tasks, each awaiting sleep(k % 100 / 10) and returning k. */
struct many_frame {
    long long k;
    struct co_value r;
};

static enum gen_step many_body(struct gen *g, void *frame)
{
    struct many_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep((double)(f->k % 100) / 10 + 0.1, co_int(f->k)), f->r);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

/* No ck_assert inside the loops below: each one records where it is in
 * the file Check shares with the runner, which is limited in size. */
START_TEST(test_100000_tasks_each_sleeping_all_finish_and_leak_nothing)
{
    const char *env = getenv("LAB04_TASKS");
    long n = env ? atol(env) : under_valgrind() ? 5000 : 100000;
    struct task **t = calloc((size_t)n, sizeof *t);
    size_t alive = task_alive();
    long bad = -1;
    int r = CO_OK;

    ck_assert_msg(t != NULL, "test setup: out of memory");
    for (long k = 0; k < n && r == CO_OK; k++) {
        struct gen *g = gen_new("many", many_body, sizeof(struct many_frame));
        if (!g)
            ck_abort_msg("gen_new: out of memory");
        ((struct many_frame *)gen_frame(g))->k = k;
        r = task_create(&L, g, NULL, &t[k]);
        if (r != CO_OK)
            gen_free(g);
    }
    ck_assert_msg(r == CO_OK, "task_create of %ld tasks: got %s%s", n, co_errname(r),
                  todo_hint(r, NULL));
    ck_assert_msg(task_all(&L, NULL, 0) == (size_t)n, "all_tasks must count the %ld new "
                  "tasks, it counts %zu", n, task_all(&L, NULL, 0));
    run_all("running them all");
    ck_assert_msg(loop_time(&L) > 9.9 && loop_time(&L) < 10.1, "the longest sleep is "
                  "10 s: the virtual clock should read 10, it reads %g", loop_time(&L));
    for (long k = 0; k < n; k++) {
        struct co_value v = co_none();
        struct co_exc e;
        r = future_result(&t[k]->fut, &v, &e);
        if (bad < 0 && (r != CO_OK || v.kind != CO_INT || v.as.i != k))
            bad = k;
        if (task_free(t[k]) != CO_OK && bad < 0)
            bad = k;
    }
    free(t);
    ck_assert_msg(bad < 0, "task %ld of %ld should have returned %ld and been freed: "
                  "it was not", bad, n, bad);
    ck_assert_msg(task_alive() == alive, "every task was freed: task_alive should be "
                  "back to %zu, it is %zu", alive, task_alive());
    ck_assert_msg(loop_handles_in_use(&L) == 0, "the loop must hold no handle at the end");
}
END_TEST

Suite *make_sleep_suite(void)
{
    Suite *s = suite_create("sleep");
    TCase *tc = tcase_create("sleep");
    TCase *big = tcase_create("many");

    tcase_add_checked_fixture(tc, setup_loop, teardown_loop);
    tcase_set_timeout(tc, LAB04_TIMEOUT);
    tcase_add_test(tc, test_current_task_is_the_task_whose_step_runs);
    tcase_add_test(tc, test_all_tasks_lists_the_unfinished_tasks_in_creation_order);
    tcase_add_test(tc, test_task_names_default_to_Task_N_and_can_be_set);
    tcase_add_test(tc, test_sleep_waits_on_the_loop_s_clock_and_returns_its_result);
    tcase_add_test(tc, test_say_after_awaited_in_turn_takes_3_s_and_as_two_tasks_2_s);
    tcase_add_test(tc, test_sleep_0_is_one_bare_yield);
    tcase_add_test(tc, test_cancelling_a_sleeping_task_cancels_its_timer);
    tcase_add_test(tc, test_sleep_outside_a_task_raises_RuntimeError);
    suite_add_tcase(s, tc);

    tcase_add_checked_fixture(big, setup_loop, teardown_loop);
    tcase_set_timeout(big, 30);
    tcase_add_test(big, test_100000_tasks_each_sleeping_all_finish_and_leak_nothing);
    suite_add_tcase(s, big);
    return s;
}
