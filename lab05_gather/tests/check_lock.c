/* Step 5: Semaphore and Lock, and why coroutines need locks across an
 * await. */
#include "lab05_tests.h"

static struct sem S;
static struct lock LK;

static void setup(void) { setup_loop(); }
static void teardown(void) { teardown_loop(); }

/* async def holder(name): async with sem: trace(in); await sleep(1); trace(out) */
struct holder_frame {
    const char *name;
    bool use_lock;
    struct co_value r;
};

static enum gen_step holder_body(struct gen *g, void *frame)
{
    struct holder_frame *f = frame;

    GEN_BEGIN(g);
    if (f->use_lock)
        TASK_AWAIT_GEN(g, lock_acquire(&LK), f->r);
    else
        TASK_AWAIT_GEN(g, sem_acquire(&S), f->r);
    trace("%s:in@%.0f", f->name, loop_time(task_running_loop()));
    TASK_AWAIT_GEN(g, task_sleep(1, co_none()), f->r);
    trace("%s:out", f->name);
    if (f->use_lock)
        lock_release(&LK, NULL);
    else
        sem_release(&S);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static struct task *holder(const char *name, bool use_lock)
{
    struct gen *g = gen_new(name, holder_body, sizeof(struct holder_frame));

    *(struct holder_frame *)gen_frame(g) = (struct holder_frame){ name, use_lock, { 0 } };
    return new_task(g);
}

static void init_sem(long v)
{
    int r = sem_init(&S, &L, v);

    ck_assert_msg(r == CO_OK, "sem_init(&S, &L, %ld): expected CO_OK, got %s%s", v,
                  co_errname(r), todo_hint(r, NULL));
}

START_TEST(test_a_semaphore_of_2_lets_at_most_two_in_at_a_time)
{
    struct task *t[4];

    init_sem(2);
    t[0] = holder("a", false);
    t[1] = holder("b", false);
    t[2] = holder("c", false);
    t[3] = holder("d", false);
    run_all();
    expect_trace("a:in@0 b:in@0 a:out b:out c:in@1 d:in@1 c:out d:out", "Semaphore(2) "
                 "and four holders of 1 s each: two at t=0, two at t=1, in order");
    for (int i = 0; i < 4; i++)
        ck_assert_err(task_free(t[i]), CO_OK);
    EXPECT_OK(sem_destroy(&S));
}
END_TEST

START_TEST(test_sem_locked_says_whether_acquire_would_wait)
{
    struct task *t;

    init_sem(1);
    ck_assert_msg(!sem_locked(&S), "Semaphore(1) is not locked at first");
    t = holder("a", false);
    loop_run_once(&L);
    ck_assert_msg(sem_locked(&S), "with its one unit held, it is locked");
    run_all();
    ck_assert_msg(!sem_locked(&S), "released: unlocked again");
    ck_assert_err(task_free(t), CO_OK);
    EXPECT_OK(sem_destroy(&S));
}
END_TEST

START_TEST(test_sem_init_refuses_a_negative_value)
{
    ck_assert_err(sem_init(&S, &L, -1), CO_EINVAL);
    ck_assert_err(sem_init(NULL, &L, 1), CO_EINVAL);
}
END_TEST

static struct task *victim;
static void cancel_victim(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
}

static void trace_sem_line(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    trace("line:%zu", S.waiters.n);
}

START_TEST(test_a_waiter_cancelled_in_acquire_does_not_lose_the_unit)
{
    struct task *a, *b, *c;

    init_sem(1);
    a = holder("a", false);
    b = holder("b", false);
    c = holder("c", false);
    victim = b;
    loop_call_later(&L, 0.5, cancel_victim, NULL, NULL);
    loop_call_later(&L, 0.75, trace_sem_line, NULL, NULL);
    run_all();
    expect_trace("a:in@0 line:1 a:out c:in@1 c:out", "b is cancelled while it waits: at "
                 "t=0.75 only c is left in the line of waiters (b took its future out, as "
                 "sync.h says), and c gets the unit at t=1");
    ck_assert_msg(S.value == 1, "the semaphore is back at 1 (it is %ld)", S.value);
    ck_assert_err(task_free(a), CO_OK);
    ck_assert_err(task_free(b), CO_OK);
    ck_assert_err(task_free(c), CO_OK);
    EXPECT_OK(sem_destroy(&S));
}
END_TEST

START_TEST(test_a_lock_lets_one_in_at_a_time_in_order)
{
    struct task *t[3];
    int r = lock_init(&LK, &L);

    ck_assert_msg(r == CO_OK, "lock_init: %s%s", co_errname(r), todo_hint(r, NULL));
    t[0] = holder("a", true);
    t[1] = holder("b", true);
    t[2] = holder("c", true);
    run_all();
    expect_trace("a:in@0 a:out b:in@1 b:out c:in@2 c:out", "a Lock and three holders");
    ck_assert_msg(!lock_locked(&LK), "released at the end");
    for (int i = 0; i < 3; i++)
        ck_assert_err(task_free(t[i]), CO_OK);
    EXPECT_OK(lock_destroy(&LK));
}
END_TEST

START_TEST(test_releasing_an_unlocked_lock_is_RuntimeError)
{
    struct co_exc exc = { 0 };
    int r = lock_init(&LK, &L);

    ck_assert_msg(r == CO_OK, "lock_init: %s%s", co_errname(r), todo_hint(r, NULL));
    ck_assert_err(lock_release(&LK, &exc), CO_ESTATE);
    ck_assert_msg(exc.kind == CO_RUNTIME_ERROR, "release of an unlocked Lock raises "
                  "RuntimeError");
    ck_assert_str_eq(co_exc_msg(&exc), "Lock is not acquired.");
}
END_TEST

/* The lost update: async def incr(): x = counter; await sleep(0); counter = x + 1 */
static int counter;
struct incr_frame {
    bool locked;
    int x;
    struct co_value r;
};

static enum gen_step incr_body(struct gen *g, void *frame)
{
    struct incr_frame *f = frame;

    GEN_BEGIN(g);
    if (f->locked)
        TASK_AWAIT_GEN(g, lock_acquire(&LK), f->r);
    f->x = counter;
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), f->r);   /* every other task runs here */
    counter = f->x + 1;
    if (f->locked)
        lock_release(&LK, NULL);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static int hundred_increments(bool locked)
{
    struct task *t[100];

    counter = 0;
    for (int i = 0; i < 100; i++) {
        struct gen *g = gen_new("incr", incr_body, sizeof(struct incr_frame));

        ((struct incr_frame *)gen_frame(g))->locked = locked;
        t[i] = new_task(g);
    }
    run_all();
    for (int i = 0; i < 100; i++)
        ck_assert_err(task_free(t[i]), CO_OK);
    return counter;
}

START_TEST(test_an_update_across_an_await_is_lost_without_a_lock_and_kept_with_one)
{
    int r = lock_init(&LK, &L);
    int without, with;

    ck_assert_msg(r == CO_OK, "lock_init: %s%s", co_errname(r), todo_hint(r, NULL));
    without = hundred_increments(false);
    with = hundred_increments(true);
    ck_assert_msg(without == 1, "100 tasks doing x = counter; await sleep(0); counter = "
                  "x + 1 without a lock: every one read 0 before any wrote, so counter "
                  "ends at 1 (got %d)", without);
    ck_assert_msg(with == 100, "the same under the Lock ends at 100 (got %d)", with);
    EXPECT_OK(lock_destroy(&LK));
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

/* Semaphore(0), b and c waiting: a release gives b the unit, and b is
 * cancelled before it runs: b must hand the unit on to c. */
static void release_then_cancel(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    sem_release(&S);
    task_cancel(victim, NULL);
}

START_TEST(test_a_waiter_woken_then_cancelled_hands_the_unit_to_the_next)
{
    struct task *b, *c;

    init_sem(0);
    b = holder("b", false);
    c = holder("c", false);
    victim = b;
    loop_call_later(&L, 1, release_then_cancel, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&b->fut), "b, woken then cancelled, ends CANCELLED");
    expect_trace("c:in@1 c:out", "the unit the release gave b goes to c once b is "
                 "cancelled (hint: a waiter leaving with an exception after it was woken "
                 "gives its unit back and wakes the next)");
    ck_assert_msg(S.value == 1, "the semaphore is back at 1 (it is %ld)", S.value);
    ck_assert_err(task_free(b), CO_OK);
    ck_assert_err(task_free(c), CO_OK);
    EXPECT_OK(sem_destroy(&S));
}
END_TEST

/* sem_destroy and lock_destroy free the queue of waiters (20 of them made
 * it grow), round after round. */
START_TEST(test_sem_destroy_and_lock_destroy_free_their_waiters)
{
    enum { N = 20 };
    static struct task *t[N];
    size_t before = 0;

    for (int round = 0; round < 12; round++) {
        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        for (int use_lock = 0; use_lock < 2; use_lock++) {
            if (use_lock)
                EXPECT_OK(lock_init(&LK, &L));
            else
                init_sem(1);
            for (int i = 0; i < N; i++)
                t[i] = holder("h", use_lock);
            run_all();
            for (int i = 0; i < N; i++)
                ck_assert_err(task_free(t[i]), CO_OK);
            EXPECT_OK(use_lock ? lock_destroy(&LK) : sem_destroy(&S));
            ck_assert_msg(use_lock ? LK.waiters.v == NULL : S.waiters.v == NULL,
                          "%s_destroy must free its queue of waiters (waiters_free): 20 "
                          "tasks waited, and waiters.v is still there",
                          use_lock ? "lock" : "sem");
        }
        trace_reset();
    }
    expect_heap(before, 4096, "10 rounds of a Semaphore and a Lock with 20 holders each",
                "sem_destroy and lock_destroy free their waiters");
}
END_TEST

START_TEST(test_sem_and_lock_functions_refuse_NULL)
{
    struct co_exc exc;

    ck_assert_err(sem_init(&S, NULL, 1), CO_EINVAL);
    ck_assert_err(lock_init(NULL, &L), CO_EINVAL);
    ck_assert_err(lock_init(&LK, NULL), CO_EINVAL);
    ck_assert_err(sem_destroy(NULL), CO_EINVAL);
    ck_assert_err(lock_destroy(NULL), CO_EINVAL);
    ck_assert_err(lock_release(NULL, &exc), CO_EINVAL);
    ck_assert_msg(!sem_acquire(NULL) && !lock_acquire(NULL), "sem_acquire and lock_acquire "
                  "of NULL return NULL");
}
END_TEST

/* A Lock held by a callback, b and c waiting: the release wakes b, and b
 * is cancelled before it runs: b must wake c in its place. */
static void lock_release_then_cancel(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    lock_release(&LK, NULL);
    task_cancel(victim, NULL);
}

START_TEST(test_a_lock_waiter_woken_then_cancelled_wakes_the_next)
{
    struct task *b, *c;

    EXPECT_OK(lock_init(&LK, &L));
    LK.locked = true;                         /* held, as an acquire leaves it */
    b = holder("b", true);
    c = holder("c", true);
    victim = b;
    loop_call_later(&L, 1, lock_release_then_cancel, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&b->fut), "b, woken then cancelled, ends CANCELLED");
    expect_trace("c:in@1 c:out", "the release woke b; b, cancelled, wakes c in its place");
    ck_assert_msg(!lock_locked(&LK), "released at the end");
    ck_assert_err(task_free(b), CO_OK);
    ck_assert_err(task_free(c), CO_OK);
    EXPECT_OK(lock_destroy(&LK));
}
END_TEST

Suite *make_lock_suite(void)
{
    Suite *s = suite_create("lock");
    TCase *tc = tcase_create("lock");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_a_semaphore_of_2_lets_at_most_two_in_at_a_time);
    tcase_add_test(tc, test_sem_locked_says_whether_acquire_would_wait);
    tcase_add_test(tc, test_sem_init_refuses_a_negative_value);
    tcase_add_test(tc, test_a_waiter_cancelled_in_acquire_does_not_lose_the_unit);
    tcase_add_test(tc, test_a_lock_lets_one_in_at_a_time_in_order);
    tcase_add_test(tc, test_releasing_an_unlocked_lock_is_RuntimeError);
    tcase_add_test(tc, test_an_update_across_an_await_is_lost_without_a_lock_and_kept_with_one);
    tcase_add_test(tc, test_a_waiter_woken_then_cancelled_hands_the_unit_to_the_next);
    tcase_add_test(tc, test_sem_destroy_and_lock_destroy_free_their_waiters);
    tcase_add_test(tc, test_sem_and_lock_functions_refuse_NULL);
    tcase_add_test(tc, test_a_lock_waiter_woken_then_cancelled_wakes_the_next);
    suite_add_tcase(s, tc);
    return s;
}
