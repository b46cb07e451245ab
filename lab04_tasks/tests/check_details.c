/* Details of future.h's and task.h's contracts that a solution can get
 * wrong while every answer of the other suites still looks right: what
 * future_destroy leaves behind, the memory a future and a task take and
 * give back, the callback array's capacity (tests/README.md: `make mutate`
 * found each of them). */
#include "lab04_tests.h"

#include <malloc.h>
#include <string.h>

static void nop_done(struct future *fut, void *arg)
{
    (void)fut;
    (void)arg;
}

/* Yields co_ptr(p) and traces what the task throws back. */
struct yields_frame {
    void *p;
    struct co_exc caught;
};

static enum gen_step yields_ptr_body(struct gen *g, void *frame)
{
    struct yields_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, co_ptr(f->p), f->caught);
    trace("%s: %s", co_exc_kind_name(f->caught.kind), co_exc_msg(&f->caught));
    GEN_END(g);
}

static struct gen *yields_ptr_new(void *p)
{
    struct gen *g = gen_new("yields", yields_ptr_body, sizeof(struct yields_frame));

    if (g)
        ((struct yields_frame *)gen_frame(g))->p = p;
    return g;
}

/* ---- step 1 ------------------------------------------------------------ */

/* future_new / future_free in a loop: the heap comes back where it was. */
START_TEST(test_future_free_gives_back_what_future_new_took)
{
    enum { N = 2000 };
    size_t before, after;
    int bad = -1, r = CO_OK;

    for (int i = 0; i < 16; i++)             /* malloc's caches warmed up */
        future_free(future_new(&L));
    before = heap_in_use();
    for (int i = 0; i < N && bad < 0; i++) {
        struct future *f = future_new(&L);
        if (!f || (r = future_free(f)) != CO_OK)
            bad = i;
    }
    ck_assert_msg(bad < 0, "future_new then future_free, %d times: round %d failed (%s)",
                  N, bad, co_errname(r));
    after = heap_in_use();
    ck_assert_msg(after <= before + 4096, "%d futures made by future_new and freed by "
                  "future_free left %zu bytes of heap in use (%zu per future): future_free "
                  "must free the future itself once future_destroy succeeds", N,
                  after - before, (after - before) / N);
}
END_TEST

/* ---- step 2 ------------------------------------------------------------ */

/* future.h: "magic: FUTURE_MAGIC; 0 once destroyed", and destroy releases
 * the callback array: nothing of the list is left. */
START_TEST(test_future_destroy_frees_the_callbacks_and_leaves_a_dead_future)
{
    enum { N = 200 };
    struct future g;
    size_t before, after;

    EXPECT_OK(future_init(&g, &L));               /* warm up: one round first */
    for (int i = 0; i < N; i++)
        EXPECT_OK(future_add_done_callback(&g, nop_done, NULL));
    EXPECT_OK(future_destroy(&g));
    before = heap_in_use();
    for (int round = 0; round < 20; round++) {
        EXPECT_OK(future_init(&g, &L));
        for (int i = 0; i < N; i++)
            if (future_add_done_callback(&g, nop_done, NULL) != CO_OK)
                ck_abort_msg("add_done_callback %d of %d failed", i, N);
        EXPECT_OK(future_destroy(&g));
    }
    after = heap_in_use();
    /* a leak would be 20 arrays of 256 entries (80 KB); malloc's caches
     * move a few KB either way */
    ck_assert_msg(after <= before + 16384, "20 futures with %d callbacks each, each "
                  "destroyed: %zu bytes of heap are still in use (hint: future_destroy "
                  "frees the callback array, more)", N, after - before);
    ck_assert_msg(g.magic == 0, "after future_destroy, magic must be 0 (future.h: \"0 once "
                  "destroyed\"), so that nothing takes the dead future for a live one; it "
                  "is %#x", (unsigned)g.magic);
    ck_assert_msg(!future_check(&g), "future_check must refuse a destroyed future");
    ck_assert_msg(g.more == NULL && g.n_callbacks == 0 && g.n_scheduled == 0,
                  "future_destroy releases the callback list: more NULL, n_callbacks 0, "
                  "n_scheduled 0; got more %p, n_callbacks %u, n_scheduled %u",
                  (void *)g.more, (unsigned)g.n_callbacks, (unsigned)g.n_scheduled);
}
END_TEST

/* future.h: more is "allocated only for the second" callback, with
 * "capacity the power of two >= n_callbacks - 1". */
START_TEST(test_the_callback_array_holds_the_power_of_two_the_header_promises)
{
    size_t entry = sizeof(struct future_callback);

    EXPECT_OK(future_add_done_callback(&F, nop_done, NULL));
    ck_assert_msg(F.more == NULL, "one callback lives in the future itself (first): "
                  "add_done_callback must allocate nothing for it, but more = %p "
                  "(future.h: more is allocated only for the second)", (void *)F.more);
    for (uint32_t n = 2; n <= 600; n++) {
        size_t cap = 1, usable;

        if (future_add_done_callback(&F, nop_done, NULL) != CO_OK)
            ck_abort_msg("add_done_callback %u of 600 failed", n);
        while (cap < n - 1)
            cap *= 2;
        usable = F.more ? malloc_usable_size(F.more) : 0;
        /* malloc may round a block up by less than 16 bytes, never more */
        if (usable < cap * entry || usable >= cap * entry + 16)
            ck_abort_msg("after %u callbacks, more[] holds %u entries in a block of %zu "
                         "bytes: its capacity must be the power of two >= %u, %zu entries "
                         "of %zu bytes = %zu bytes (it doubles when full; a smaller block "
                         "overflows, a larger one wastes memory)", n, n - 1, usable, n - 1,
                         cap, entry, cap * entry);
    }
}
END_TEST

/* On a closed loop, a future with done callbacks cannot finish (nobody
 * would call them): set_result is CO_ECLOSED; one without callbacks can;
 * cancel drops its callbacks. */
START_TEST(test_on_a_closed_loop_only_a_future_without_callbacks_can_finish)
{
    struct future none, one, two;
    int r;

    EXPECT_OK(future_init(&none, &L));
    EXPECT_OK(future_init(&one, &L));
    EXPECT_OK(future_init(&two, &L));
    EXPECT_OK(future_add_done_callback(&one, record_done_cb, "one"));
    EXPECT_OK(future_add_done_callback(&two, record_done_cb, "two"));
    EXPECT_OK(future_add_done_callback(&two, record_done_cb, "two"));
    EXPECT_OK(loop_close(&L));
    r = future_set_result(&none, co_int(1), NULL);
    ck_assert_msg(r == CO_OK, "set_result on a future with no done callbacks, its loop "
                  "closed: nothing needs the loop, so expected CO_OK, got %s%s",
                  co_errname(r), todo_hint(r, NULL));
    r = future_set_result(&one, co_int(1), NULL);
    ck_assert_msg(r == CO_ECLOSED, "set_result on a future with one done callback, its loop "
                  "closed: expected CO_ECLOSED (nobody could ever call the callback), got "
                  "%s%s", co_errname(r), todo_hint(r, NULL));
    expect_fut_state(&one, FUTURE_PENDING, "the refused future");
    ck_assert_msg(future_cancel(&two, NULL), "cancel of a pending future on a closed loop "
                  "must still be true");
    ck_assert_msg(two.n_callbacks == 0 && two.n_scheduled == 0, "cancel on a closed loop "
                  "drops the callbacks (nobody will ever call them): n_callbacks should be "
                  "0, it is %u (n_scheduled %u)", (unsigned)two.n_callbacks,
                  (unsigned)two.n_scheduled);
    expect_trace("", "no callback runs on a closed loop");
    EXPECT_OK(future_destroy(&none));
    EXPECT_OK(future_destroy(&one));
    EXPECT_OK(future_destroy(&two));
}
END_TEST

/* ---- step 3: tasks ------------------------------------------------------ */

/* A task whose coroutine is closed from outside (gen_close, while it
 * waits) finishes at its next step as a closed generator answers a send:
 * StopIteration, so the task's result is None (CPython's Task.__step on a
 * generator-based coroutine does the same). */
START_TEST(test_a_task_whose_coroutine_is_closed_behind_its_back_finishes_at_its_next_step)
{
    struct script s = { .name = "victim", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    struct co_exc e;

    run_all("the first step: the coroutine awaits F");
    ck_assert_msg(gen_close(t->coro, &e) == CO_OK, "test setup: gen_close of the waiting "
                  "coroutine failed");
    EXPECT_OK(future_set_result(&F, co_int(1), NULL));
    run_all("F is done: the task's next step resumes a closed coroutine");
    expect_result(&t->fut, co_none(), "a task whose coroutine was closed behind its back, "
                  "after its next step: gen_send on a closed generator gives StopIteration "
                  "(CO_EDONE), which finishes the task with None like any return (hint: only "
                  "a resume that comes back with no exception at all is a RuntimeError)");
    FREE_TASK(t);
}
END_TEST

/* Yields `what` once (catching what the task throws in), then a bare
 * yield, then returns 1. */
struct twice_frame {
    struct co_value what;
    struct co_exc caught;
};

static enum gen_step twice_body(struct gen *g, void *frame)
{
    struct twice_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, f->what, f->caught);
    trace("%s", co_exc_kind_name(f->caught.kind));
    GEN_YIELD(g, co_none());
    trace("then a normal step");
    GEN_RETURN(g, co_int(1));
    GEN_END(g);
}

static struct gen *twice_new(struct co_value what)
{
    struct gen *g = gen_new("twice", twice_body, sizeof(struct twice_frame));

    if (g)
        ((struct twice_frame *)gen_frame(g))->what = what;
    return g;
}

START_TEST(test_after_a_bad_yield_is_thrown_in_the_next_steps_are_normal_ones)
{
    struct task *t = NEW_TASK(twice_new(co_int(7)), NULL);

    run_all("a coroutine that yields 7, catches the RuntimeError, yields none, returns 1");
    expect_trace("RuntimeError then a normal step", "the RuntimeError of a bad yield is "
                 "thrown in once: the step after it is a normal one (hint: step_cb clears "
                 "throw_in once it has used it)");
    expect_result(&t->fut, co_int(1), "the task's result");
    FREE_TASK(t);
}
END_TEST

/* A pointer that is not a future (its magic is not FUTURE_MAGIC: any
 * other memory, or a destroyed future) is a bad yield like any value. */
START_TEST(test_yielding_a_pointer_to_anything_but_a_live_future_is_a_bad_yield)
{
    static struct future dead;
    struct task *a, *b;

    memset(&dead, 0, sizeof dead);
    a = NEW_TASK(yields_ptr_new(&dead), NULL);
    run_all("a coroutine that yields a pointer to zeroed memory");
    ck_assert_msg(strncmp(trace_text(), "RuntimeError: Task got bad yield", 32) == 0,
                  "a pointer to memory that is not a future (magic 0) must be answered "
                  "with RuntimeError \"Task got bad yield: ...\"; the coroutine saw \"%s\" "
                  "(hint: check fut->magic == FUTURE_MAGIC before anything else of it)",
                  trace_text());
    FREE_TASK(a);
    trace_reset();
    EXPECT_OK(future_init(&dead, &L));
    EXPECT_OK(future_destroy(&dead));
    dead.blocking = true;
    b = NEW_TASK(yields_ptr_new(&dead), NULL);
    run_all("a coroutine that yields a destroyed future");
    ck_assert_msg(strncmp(trace_text(), "RuntimeError: Task got bad yield", 32) == 0,
                  "a destroyed future (magic 0) is no future: expected RuntimeError \"Task "
                  "got bad yield: ...\", the coroutine saw \"%s\"", trace_text());
    FREE_TASK(b);
}
END_TEST

START_TEST(test_awaiting_a_future_of_another_loop_is_RuntimeError)
{
    struct loop other;
    struct future g;
    struct script s = { .name = "x", .awaited = &g, .catching = true,
                        .on_catch = CATCH_RETURN };
    struct task *t;

    EXPECT_OK(loop_init(&other, LOOP_CLOCK_VIRTUAL));
    EXPECT_OK(future_init(&g, &other));
    t = NEW_TASK(script_new(&s), NULL);
    run_all("a task on L awaiting a future of another loop");
    expect_trace("x:start x:caught RuntimeError", "a task awaiting a future of another loop "
                 "gets RuntimeError \"Task ... got Future ... attached to a different "
                 "loop\" thrown in at its next step");
    ck_assert_msg(g.n_callbacks == 0, "the task must not wait for a future of another loop "
                  "(it has %u done callbacks)", (unsigned)g.n_callbacks);
    FREE_TASK(t);
    EXPECT_OK(future_destroy(&g));
    EXPECT_OK(loop_destroy(&other));
}
END_TEST

START_TEST(test_a_failed_task_freed_unobserved_names_itself_and_its_coroutine)
{
    struct script s = { .name = "doomed", .raises = CO_VALUE_ERROR };
    struct task *t = NEW_TASK(script_new(&s), "bad");
    const char *err;

    run_all("running a task that raises ValueError");
    capture_begin();
    FREE_TASK(t);
    err = capture_end();
    ck_assert_msg(strstr(err, "<Task finished name='bad' coro=<doomed() done> exception="),
                  "freeing a failed task named \"bad\" (coroutine doomed) whose exception "
                  "nobody retrieved: stderr must show the task as CPython does, \"<Task "
                  "finished name='bad' coro=<doomed() done> exception=ValueError(...)>\"; "
                  "it said \"%s\"", err);
}
END_TEST

/* A task freed after its loop closed under it (still waiting) takes its
 * wake-up back from the future it awaited. */
START_TEST(test_freeing_a_task_on_a_closed_loop_unhooks_it_from_what_it_awaited)
{
    struct script s = { .name = "w", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);
    int r;

    run_all("the task's first step: it awaits F");
    EXPECT_OK(loop_close(&L));
    r = task_free(t);
    ck_assert_msg(r == CO_OK, "task_free of a task still waiting when its loop closed: "
                  "expected CO_OK (it can never run again), got %s%s", co_errname(r),
                  todo_hint(r, NULL));
    ck_assert_msg(F.n_callbacks == 0, "the freed task's wake-up must be removed from the "
                  "future it awaited, or F would call back a freed task: F still has %u "
                  "done callbacks (hint: future_remove_done_callback)",
                  (unsigned)F.n_callbacks);
}
END_TEST

START_TEST(test_tasks_run_and_freed_give_back_all_their_memory)
{
    enum { N = 300 };
    static struct task *t[N];
    struct script s = { .name = "brief" };
    size_t before = 0, after;

    for (int round = 0; round < 4; round++) {
        if (round == 1)
            before = heap_in_use();        /* after one round: caches warm */
        for (int i = 0; i < N; i++)
            if (task_create(&L, script_new(&s), NULL, &t[i]) != CO_OK)
                ck_abort_msg("task_create %d failed", i);
        run_all("running the tasks");
        for (int i = 0; i < N; i++)
            if (task_free(t[i]) != CO_OK)
                ck_abort_msg("task_free %d failed", i);
    }
    after = heap_in_use();
    ck_assert_msg(after <= before + 4096, "3 rounds of %d tasks, each run to its end and "
                  "freed, left %zu bytes of heap in use (hint: task_free frees the "
                  "coroutine too, gen_free)", N, after - before);
}
END_TEST

/* ---- step 4 ------------------------------------------------------------- */

START_TEST(test_a_one_letter_cancel_message_reaches_the_result)
{
    struct script s = { .name = "w", .awaited = &F };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_all("the first step: it awaits F");
    ck_assert_msg(task_cancel(t, "!"), "cancel of a waiting task must be true");
    run_all("the cancellation goes through the coroutine, which does not catch it");
    expect_result_raises(&t->fut, CO_CANCELLED_ERROR, "!", "the task cancelled with the "
                         "message \"!\" (one letter: an empty message is no message, a "
                         "one-letter one is)");
    FREE_TASK(t);
}
END_TEST

/* ---- step 5 ------------------------------------------------------------- */

START_TEST(test_freed_tasks_leave_the_list_of_all_tasks_linked)
{
    struct future f1, f2, f3;
    struct script sa = { .name = "a", .awaited = &f1 }, sb = { .name = "b" };
    struct script sc = { .name = "c", .awaited = &f2 }, sd = { .name = "d" };
    struct script se = { .name = "e", .awaited = &f3 };
    struct task *a, *b, *c, *d, *e, *got[8];
    size_t n;

    EXPECT_OK(future_init(&f1, &L));
    EXPECT_OK(future_init(&f2, &L));
    EXPECT_OK(future_init(&f3, &L));
    a = NEW_TASK(script_new(&sa), "a");
    b = NEW_TASK(script_new(&sb), "b");
    c = NEW_TASK(script_new(&sc), "c");
    d = NEW_TASK(script_new(&sd), "d");
    run_all("b and d finish, a and c wait");
    FREE_TASK(b);                                   /* one in the middle */
    FREE_TASK(d);                                   /* the last one */
    ck_assert_msg(a->next == c && c->prev == a && c->next == NULL && a->prev == NULL,
                  "tasks a b c d, b and d freed: the list of all tasks must be a <-> c "
                  "(a->next == c, c->prev == a, c->next == NULL); got a->next %p, c->prev "
                  "%p, c->next %p, with a = %p, c = %p (hint: task_create links prev, "
                  "task_free unlinks both ways)", (void *)a->next, (void *)c->prev,
                  (void *)c->next, (void *)a, (void *)c);
    e = NEW_TASK(script_new(&se), "e");
    ck_assert_msg(c->next == e && e->prev == c, "a task created after the last one was "
                  "freed goes after c (the new last): c->next %p, e->prev %p, e = %p",
                  (void *)c->next, (void *)e->prev, (void *)e);
    EXPECT_OK(future_set_result(&f1, co_none(), NULL));
    run_all("a finishes");
    FREE_TASK(a);                                   /* the first one */
    n = task_all(&L, got, 8);
    ck_assert_msg(n == 2 && got[0] == c && got[1] == e && c->prev == NULL,
                  "after freeing the first task, all_tasks must list c then e (c first, "
                  "its prev NULL): got %zu tasks, c->prev %p", n, (void *)c->prev);
    EXPECT_OK(future_set_result(&f2, co_none(), NULL));
    EXPECT_OK(future_set_result(&f3, co_none(), NULL));
    run_all("c and e finish");
    FREE_TASK(e);
    FREE_TASK(c);
    ck_assert_msg(task_all(&L, NULL, 0) == 0, "every task freed: all_tasks lists none");
    EXPECT_OK(future_destroy(&f1));
    EXPECT_OK(future_destroy(&f2));
    EXPECT_OK(future_destroy(&f3));
}
END_TEST

START_TEST(test_sleep_0_sets_no_timer)
{
    struct script s = { .name = "s0", .sub = task_sleep(0, co_int(3)) };
    struct task *t = NEW_TASK(script_new(&s), NULL);

    run_once("the task's first step: it enters sleep(0)");
    ck_assert_msg(loop_timer_count(&L) == 0, "sleep(0) is one bare yield, with no timer "
                  "and no future; the loop has %zu timers (hint: delay <= 0 takes the "
                  "bare-yield path)", loop_timer_count(&L));
    run_all("the rest");
    expect_result(&t->fut, co_int(3), "the task's result, sleep(0)'s result");
    FREE_TASK(t);
}
END_TEST

/* ---- step 6 ------------------------------------------------------------- */

START_TEST(test_run_until_complete_refuses_bad_arguments_before_running_anything)
{
    struct loop other;
    struct future g;
    struct co_value out;
    struct co_exc exc = { 0 };

    EXPECT_OK(loop_init(&other, LOOP_CLOCK_VIRTUAL));
    EXPECT_OK(future_init(&g, &other));
    EXPECT_OK(loop_call_soon(&L, record_cb, "ran", NULL));
    ck_assert_err(task_run_until_complete(&L, NULL, &out, &exc), CO_EINVAL);
    ck_assert_err(task_run_until_complete(&L, &F, NULL, &exc), CO_EINVAL);
    ck_assert_err(task_run_until_complete(&L, &F, &out, NULL), CO_EINVAL);
    ck_assert_err(task_run_until_complete(&L, &g, &out, &exc), CO_EINVAL);
    expect_trace("", "run_until_complete with a NULL argument, or a future of another "
                 "loop, is refused before the loop runs at all");
    ck_assert_msg(F.n_callbacks == 0 && g.n_callbacks == 0, "a refused run_until_complete "
                  "adds no done callback");
    EXPECT_OK(future_destroy(&g));
    EXPECT_OK(loop_destroy(&other));
}
END_TEST

START_TEST(test_run_refuses_NULL_without_running_main_and_frees_it)
{
    struct script s = { .name = "main" };
    struct co_value out;
    struct co_exc exc = { 0 };
    struct task *before, *after;
    struct script idle = { .name = "idle" };
    size_t heap0 = 0;

    before = NEW_TASK(script_new(&idle), NULL);
    ck_assert_err(task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, NULL, &exc), CO_EINVAL);
    ck_assert_err(task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, &out, NULL), CO_EINVAL);
    expect_trace("", "asyncio.run with out or exc NULL is refused before main runs");
    after = NEW_TASK(script_new(&idle), NULL);
    ck_assert_msg(after->id == before->id + 1, "a refused run makes no task (the next "
                  "task's id is %u, expected %u)", (unsigned)after->id,
                  (unsigned)before->id + 1);
    for (int i = 0; i < 200; i++) {
        if (i == 20)
            heap0 = heap_in_use();
        task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, NULL, &exc);
        task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, &out, NULL);
    }
    ck_assert_msg(heap_in_use() <= heap0 + 2048, "360 refused task_run calls left %zu "
                  "bytes of heap in use: task_run owns main and frees it even when it "
                  "refuses", heap_in_use() - heap0);
    run_all("the two idle tasks");
    FREE_TASK(before);
    FREE_TASK(after);
}
END_TEST

/* asyncio.run's shutdown: the tasks main leaves behind are cancelled and
 * run until done; only a failure (not a cancellation, not a result) is
 * reported, and nothing else main left on the loop runs. */
static struct future forever2;
static struct script left_a = { .name = "quiet", .awaited = &forever2 };
static struct script left_b = { .name = "returns", .awaited = &forever2, .catching = true,
                                .on_catch = CATCH_RETURN };
static struct script left_d = { .name = "stuck", .awaited = &forever2, .catching = true,
                                .on_catch = CATCH_AWAIT_AGAIN };
static struct future never;

struct rebel_frame {
    struct co_value got;
    struct co_exc caught;
    int k;
};

/* Catches the cancellation, then raises ValueError. */
static enum gen_step rebel_body(struct gen *g, void *frame)
{
    struct rebel_frame *f = frame;

    GEN_BEGIN(g);
    TASK_TRY_AWAIT(g, &forever2, f->got, f->caught);
    GEN_RAISE(g, CO_VALUE_ERROR, "rebel failed");
    GEN_END(g);
}

/* Catches the cancellation, takes three more iterations, returns. */
static enum gen_step slow_body(struct gen *g, void *frame)
{
    struct rebel_frame *f = frame;

    GEN_BEGIN(g);
    TASK_TRY_AWAIT(g, &forever2, f->got, f->caught);
    for (f->k = 0; f->k < 3; f->k++)
        GEN_YIELD(g, co_none());
    trace("slow:done");
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

/* What main leaves behind (leaver_body, one of these). */
static enum { LEAVE_FIVE, LEAVE_SLOW_AND_A_TIMER, LEAVE_EIGHT_QUIET } leave;

static enum gen_step leaver_body(struct gen *g, void *frame)
{
    struct task *t;
    struct loop *loop;

    (void)frame;
    GEN_BEGIN(g);
    loop = task_running_loop();
    future_init(&forever2, loop);
    future_init(&never, loop);
    left_d.awaited2 = &never;
    if (leave == LEAVE_FIVE) {
        task_create(loop, gen_new("rebel", rebel_body, sizeof(struct rebel_frame)), "rebel",
                    &t);
        task_create(loop, script_new(&left_a), "quiet", &t);
        task_create(loop, script_new(&left_b), "returns", &t);
        task_create(loop, script_new(&left_d), "stuck", &t);
    }
    if (leave != LEAVE_EIGHT_QUIET)
        task_create(loop, gen_new("slow", slow_body, sizeof(struct rebel_frame)), "slow", &t);
    if (leave == LEAVE_SLOW_AND_A_TIMER)
        loop_call_later(loop, 100, record_cb, "late", NULL);
    for (int k = 0; leave == LEAVE_EIGHT_QUIET && k < 8; k++)
        task_create(loop, script_new(&left_a), "quiet", &t);
    GEN_YIELD(g, co_none());                       /* they all start waiting */
    GEN_RETURN(g, co_int(9));
    GEN_END(g);
}

START_TEST(test_run_shuts_down_what_main_leaves_as_asyncio_run_does)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    size_t alive = task_alive();
    const char *err, *first;
    int r;

    leave = LEAVE_FIVE;
    capture_begin();
    r = task_run(gen_new("leaver", leaver_body, 0), LOOP_CLOCK_VIRTUAL, &out, &exc);
    err = capture_end();
    ck_assert_msg(r == CO_OK, "asyncio.run(main()) where main leaves five tasks: expected "
                  "CO_OK, got %s%s", gen_outcome_name(r), todo_hint(r, NULL));
    ck_assert_value(out, co_int(9), "what run returned (main's result)");
    ck_assert_msg(strstr(trace_text(), "slow:done") != NULL, "a left-over task that "
                  "catches its cancellation and takes three more iterations must be run "
                  "until it is done (trace \"%s\")", trace_text());
    first = strstr(err, "unhandled exception during asyncio.run() shutdown");
    ck_assert_msg(first && strstr(err, "name='rebel'") && strstr(err, "rebel failed")
                  && !strstr(first + 1, "unhandled exception")
                  && !strstr(err, "quiet") && !strstr(err, "returns")
                  && !strstr(err, "stuck") && !strstr(err, "slow"),
                  "of the five left-over tasks only rebel (which raised ValueError when "
                  "cancelled) is reported, once: \"unhandled exception during asyncio.run() "
                  "shutdown\", then its name and exception; not the one cancelled, not "
                  "the one that returned, not the one still stuck; stderr said \"%s\"", err);
    ck_assert_msg(task_alive() == alive, "run frees every task of its loop, even the one "
                  "still stuck (the loop is closed first): task_alive should be %zu, it is "
                  "%zu", alive, task_alive());
    future_destroy(&forever2);
    future_destroy(&never);
}
END_TEST

START_TEST(test_run_stops_once_the_left_over_tasks_are_done)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int r;

    leave = LEAVE_SLOW_AND_A_TIMER;
    r = task_run(gen_new("main", leaver_body, 0), LOOP_CLOCK_VIRTUAL, &out, &exc);
    ck_assert_msg(r == CO_OK, "asyncio.run(main()): expected CO_OK, got %s%s",
                  gen_outcome_name(r), todo_hint(r, NULL));
    expect_trace("slow:done", "main leaves a task (which, cancelled, takes three more "
                 "iterations) and a timer 100 s ahead: run cancels the task and runs the "
                 "loop until the task is done, then stops: the timer never runs");
    future_destroy(&forever2);
    future_destroy(&never);
}
END_TEST

START_TEST(test_run_gives_back_all_the_memory_it_took)
{
    struct co_value out;
    struct co_exc exc = { 0 };
    size_t before = 0;

    leave = LEAVE_EIGHT_QUIET;
    for (int i = 0; i < 220; i++) {
        struct gen *started = script_new(&left_a);
        if (i == 20)
            before = heap_in_use();
        if (task_run(gen_new("leave_eight", leaver_body, 0), LOOP_CLOCK_VIRTUAL, &out,
                     &exc) != CO_OK)
            ck_abort_msg("task_run %d failed", i);
        future_destroy(&forever2);
        future_destroy(&never);
        /* a main that has already started: refused, and freed */
        gen_send(started, co_none(), &out, &exc);
        task_run(started, LOOP_CLOCK_VIRTUAL, &out, &exc);
    }
    ck_assert_msg(heap_in_use() <= before + 4096, "200 runs of a main that leaves eight "
                  "tasks behind, and 200 refused runs of a started main, left %zu bytes of "
                  "heap in use (hint: run destroys its loop and frees what it allocated, "
                  "on every path)", heap_in_use() - before);
}
END_TEST

/* task_run inside a task's step: refused, and main freed all the same. */
static enum gen_step runs_runs_body(struct gen *g, void *frame)
{
    struct script s = { .name = "main" };
    struct co_value out;
    struct co_exc exc;
    size_t before = 0, after;

    (void)frame;
    GEN_BEGIN(g);
    for (int i = 0; i < 220; i++) {
        if (i == 20)
            before = heap_in_use();
        task_run(script_new(&s), LOOP_CLOCK_VIRTUAL, &out, &exc);
    }
    after = heap_in_use();
    trace("%s", after <= before + 2048 ? "freed" : "kept");
    GEN_END(g);
}

START_TEST(test_run_refused_inside_a_task_still_frees_main)
{
    struct task *t = NEW_TASK(gen_new("outer", runs_runs_body, 0), NULL);

    run_all("a task whose step calls task_run 220 times (each refused)");
    expect_trace("freed", "task_run refused inside a running task (asyncio.run() cannot be "
                 "called from a running event loop) owns main all the same and frees it: "
                 "200 refused calls must leave no memory behind");
    FREE_TASK(t);
}
END_TEST

/* (Step 4.)  A task that cancels itself during its step, then awaits a task that
 * swallows the cancellation: the request went to the inner task, so the
 * outer one gets the inner one's result (asyncio's __step: _must_cancel is
 * cleared once the awaited future's cancel() is true). */
static struct task *inner_task, *outer_task;

struct selfcancel_frame {
    struct co_value got;
    struct co_exc caught;
};

static enum gen_step selfcancel_body(struct gen *g, void *frame)
{
    struct selfcancel_frame *f = frame;

    GEN_BEGIN(g);
    task_cancel(outer_task, NULL);                 /* itself, during its step */
    TASK_TRY_AWAIT(g, &inner_task->fut, f->got, f->caught);
    trace("outer:%s", f->caught.kind == CO_EXC_NONE ? "got the result"
                                                     : co_exc_kind_name(f->caught.kind));
    GEN_RETURN(g, f->got);
    GEN_END(g);
}

START_TEST(test_a_cancel_passed_on_to_the_awaited_task_is_not_thrown_in_again)
{
    struct script inner = { .name = "inner", .awaited = &F, .catching = true,
                            .on_catch = CATCH_RETURN, .ret = co_int(5) };
    struct task *outer;

    inner_task = NEW_TASK(script_new(&inner), NULL);
    run_all("inner's first step: it awaits F");
    outer = outer_task = NEW_TASK(gen_new("outer", selfcancel_body,
                                          sizeof(struct selfcancel_frame)), NULL);
    run_all("outer cancels itself, then awaits inner, which swallows its cancellation");
    expect_trace("inner:start inner:caught CancelledError outer:got the result",
                 "a task cancelled during its own step passes the cancellation on to the "
                 "task it then awaits; that one swallows it and returns 5: the outer task "
                 "must get 5, not a CancelledError of its own (hint: clear must_cancel once "
                 "the awaited future's cancel succeeded)");
    expect_result(&outer->fut, co_int(5), "the outer task's result");
    FREE_TASK(outer);
    FREE_TASK(inner_task);
}
END_TEST

/* (Step 6: it runs loops with run_until_complete.)  Loops inside steps,
 * 16 deep (task.c's TASK_NESTING_MAX): at every depth, the running loop
 * and the current task are that depth's own. */
struct nest_frame {
    int depth;
    struct loop *home;
    struct loop inner;
    struct task *t;
    struct co_value out;
    struct co_exc exc;
};

static int nest_bad, nest_deepest;

static void nest_look(struct gen *g, const struct nest_frame *f)
{
    struct task *cur = task_current(f->home);

    if (!nest_bad && (task_running_loop() != f->home || !cur || cur->coro != g))
        nest_bad = f->depth;
    if (f->depth > nest_deepest)
        nest_deepest = f->depth;
}

static enum gen_step nest_body(struct gen *g, void *frame)
{
    struct nest_frame *f = frame, *cf;
    struct gen *child;

    GEN_BEGIN(g);
    nest_look(g, f);
    if (f->depth < 16) {
        loop_init(&f->inner, LOOP_CLOCK_VIRTUAL);
        child = gen_new("nest", nest_body, sizeof *f);
        cf = gen_frame(child);
        cf->depth = f->depth + 1;
        cf->home = &f->inner;
        if (task_create(&f->inner, child, NULL, &f->t) == CO_OK) {
            task_run_until_complete(&f->inner, &f->t->fut, &f->out, &f->exc);
            task_free(f->t);
        }
        loop_destroy(&f->inner);
        nest_look(g, f);                 /* back in this depth's step */
    }
    GEN_RETURN(g, co_int(f->depth));
    GEN_END(g);
}

START_TEST(test_loops_run_inside_steps_16_deep_know_their_task_and_loop)
{
    struct gen *g = gen_new("nest", nest_body, sizeof(struct nest_frame));
    struct nest_frame *f = gen_frame(g);
    struct task *t;

    f->depth = 1;
    f->home = &L;
    t = NEW_TASK(g, NULL);
    run_all("a task whose step runs a loop whose task's step runs a loop ... 16 deep");
    ck_assert_msg(nest_deepest == 16, "the nesting should reach depth 16, it reached %d",
                  nest_deepest);
    ck_assert_msg(nest_bad == 0, "at depth %d of 16 nested loops, task_running_loop() or "
                  "task_current(loop) was not that depth's own loop and task (a step may "
                  "run another loop: 16 levels must be remembered)", nest_bad);
    ck_assert_msg(task_running_loop() == NULL, "after all the steps, no loop is running");
    FREE_TASK(t);
}
END_TEST

Suite *make_details_suite(void)
{
    Suite *s = suite_create("details");
    TCase *fut = tcase_create("future details"), *task = tcase_create("task details");

    tcase_add_checked_fixture(fut, setup_loop, teardown_loop);
    tcase_set_timeout(fut, LAB04_TIMEOUT);
    tcase_add_test(fut, test_future_free_gives_back_what_future_new_took);
    tcase_add_test(fut, test_future_destroy_frees_the_callbacks_and_leaves_a_dead_future);
    tcase_add_test(fut, test_the_callback_array_holds_the_power_of_two_the_header_promises);
    tcase_add_test(fut, test_on_a_closed_loop_only_a_future_without_callbacks_can_finish);
    suite_add_tcase(s, fut);
    tcase_add_checked_fixture(task, setup_loop, teardown_loop);
    tcase_set_timeout(task, LAB04_TIMEOUT);
    tcase_add_test(task, test_a_task_whose_coroutine_is_closed_behind_its_back_finishes_at_its_next_step);
    tcase_add_test(task, test_after_a_bad_yield_is_thrown_in_the_next_steps_are_normal_ones);
    tcase_add_test(task, test_yielding_a_pointer_to_anything_but_a_live_future_is_a_bad_yield);
    tcase_add_test(task, test_awaiting_a_future_of_another_loop_is_RuntimeError);
    tcase_add_test(task, test_a_failed_task_freed_unobserved_names_itself_and_its_coroutine);
    tcase_add_test(task, test_freeing_a_task_on_a_closed_loop_unhooks_it_from_what_it_awaited);
    tcase_add_test(task, test_tasks_run_and_freed_give_back_all_their_memory);
    tcase_add_test(task, test_a_one_letter_cancel_message_reaches_the_result);
    tcase_add_test(task, test_a_cancel_passed_on_to_the_awaited_task_is_not_thrown_in_again);
    tcase_add_test(task, test_loops_run_inside_steps_16_deep_know_their_task_and_loop);
    tcase_add_test(task, test_freed_tasks_leave_the_list_of_all_tasks_linked);
    tcase_add_test(task, test_sleep_0_sets_no_timer);
    tcase_add_test(task, test_run_until_complete_refuses_bad_arguments_before_running_anything);
    tcase_add_test(task, test_run_refuses_NULL_without_running_main_and_frees_it);
    tcase_add_test(task, test_run_shuts_down_what_main_leaves_as_asyncio_run_does);
    tcase_add_test(task, test_run_stops_once_the_left_over_tasks_are_done);
    tcase_add_test(task, test_run_gives_back_all_the_memory_it_took);
    tcase_add_test(task, test_run_refused_inside_a_task_still_frees_main);
    suite_add_tcase(s, task);
    return s;
}
