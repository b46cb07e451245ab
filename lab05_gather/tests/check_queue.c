/* Step 4: asyncio.Queue.  Waiting put and get are coroutines that queue a
 * future of their own and await it. */
#include "lab05_tests.h"

static struct queue Q;

static void setup(void) { setup_loop(); }
static void teardown(void)
{
    loop_close(&L);
    queue_destroy(&Q);
    teardown_loop();
}

static void init_q(size_t maxsize)
{
    int r = queue_init(&Q, &L, maxsize);

    ck_assert_msg(r == CO_OK, "queue_init(&Q, &L, %zu): expected CO_OK, got %s%s", maxsize,
                  co_errname(r), todo_hint(r, NULL));
}

START_TEST(test_put_nowait_and_get_nowait_are_first_in_first_out)
{
    struct co_exc exc;
    struct co_value v;

    init_q(0);
    for (int i = 1; i <= 3; i++)
        EXPECT_OK(queue_put_nowait(&Q, co_int(i), &exc));
    ck_assert_msg(queue_size(&Q) == 3, "three put: size 3, not %zu", queue_size(&Q));
    for (int i = 1; i <= 3; i++) {
        EXPECT_OK(queue_get_nowait(&Q, &v, &exc));
        ck_assert_msg(co_value_eq(v, co_int(i)), "get_nowait number %d must give %d", i, i);
    }
    ck_assert_msg(queue_empty(&Q), "empty again");
}
END_TEST

START_TEST(test_put_nowait_on_a_full_queue_raises_QueueFull)
{
    struct co_exc exc = { 0 };

    init_q(2);
    EXPECT_OK(queue_put_nowait(&Q, co_int(1), &exc));
    EXPECT_OK(queue_put_nowait(&Q, co_int(2), &exc));
    ck_assert_msg(queue_full(&Q), "a Queue(maxsize=2) with two items is full");
    ck_assert_err(queue_put_nowait(&Q, co_int(3), &exc), GEN_RAISED);
    ck_assert_msg(exc.kind == queue_full_kind(), "put_nowait on a full queue raises "
                  "QueueFull, not %s", co_exc_kind_name(exc.kind));
    ck_assert_msg(queue_size(&Q) == 2, "and adds nothing");
}
END_TEST

START_TEST(test_get_nowait_on_an_empty_queue_raises_QueueEmpty)
{
    struct co_exc exc = { 0 };
    struct co_value v;

    init_q(0);
    ck_assert_err(queue_get_nowait(&Q, &v, &exc), GEN_RAISED);
    ck_assert_msg(exc.kind == queue_empty_kind(), "get_nowait on an empty queue raises "
                  "QueueEmpty, not %s", co_exc_kind_name(exc.kind));
}
END_TEST

/* async def consumer(name, n): for _ in range(n): trace(name:item) */
struct consumer_frame {
    const char *name;
    int n, k;
    struct co_value r;
};

static enum gen_step consumer_body(struct gen *g, void *frame)
{
    struct consumer_frame *f = frame;
    char repr[CO_REPR_MAX];

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->n; f->k++) {
        TASK_AWAIT_GEN(g, queue_get(&Q), f->r);
        trace("%s:got%s", f->name, co_value_repr(f->r, repr, sizeof repr));
        queue_task_done(&Q, &g->exc);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static struct gen *consumer(const char *name, int n)
{
    struct gen *g = gen_new(name, consumer_body, sizeof(struct consumer_frame));

    *(struct consumer_frame *)gen_frame(g) = (struct consumer_frame){ .name = name, .n = n };
    return g;
}

/* async def producer(name, n, delay): for i: await sleep(delay); await q.put(i) */
struct producer_frame {
    const char *name;
    int n, k;
    double delay;
    struct co_value r;
};

static enum gen_step producer_body(struct gen *g, void *frame)
{
    struct producer_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 1; f->k <= f->n; f->k++) {
        if (f->delay > 0)
            TASK_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->r);
        TASK_AWAIT_GEN(g, queue_put(&Q, co_int(f->k)), f->r);
        trace("%s:put%d", f->name, f->k);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static struct gen *producer(const char *name, int n, double delay)
{
    struct gen *g = gen_new(name, producer_body, sizeof(struct producer_frame));

    *(struct producer_frame *)gen_frame(g) = (struct producer_frame){
        .name = name, .n = n, .delay = delay };
    return g;
}

/* Run L until nothing is left: the trace must be `before` and `waiter`
 * still waiting (in `where`); then a consumer of n items comes and, L run
 * again, the trace must be `after` (`why`).  Returns the consumer's task. */
static struct task *expect_waits_for_a_consumer(struct task *waiter, const char *where,
                                                const char *before, int n,
                                                const char *after, const char *why)
{
    struct task *c;

    run_all();
    expect_trace(before, where);
    ck_assert_msg(!future_done(&waiter->fut), "%s: the task should still wait, it is %s",
                  where, future_state_name(future_state(&waiter->fut)));
    c = new_task(consumer("c", n));
    run_all();
    expect_trace(after, why);
    return c;
}

START_TEST(test_get_waits_until_an_item_is_put)
{
    struct task *c, *p;

    init_q(0);
    c = new_task(consumer("c", 2));
    p = new_task(producer("p", 2, 1));
    run_all();
    expect_trace("p:put1 c:got1 p:put2 c:got2", "a consumer waiting on an empty queue "
                 "wakes up at each put");
    ck_assert_msg(loop_time(&L) == 2.0, "it got each item when it was put (t=%.1f)",
                  loop_time(&L));
    ck_assert_err(task_free(c), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

START_TEST(test_put_waits_while_a_bounded_queue_is_full)
{
    struct task *c, *p;

    init_q(1);
    p = new_task(producer("p", 3, 0));
    c = expect_waits_for_a_consumer(p, "Queue(maxsize=1): the second put waits, nobody "
                                    "takes", "p:put1", 3,
                                    "p:put1 c:got1 p:put2 c:got2 p:put3 c:got3",
                                    "each get makes room for one put");
    ck_assert_err(task_free(c), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

START_TEST(test_getters_are_served_first_come_first_served)
{
    struct task *c1, *c2, *p;

    init_q(0);
    c1 = new_task(consumer("c1", 1));
    c2 = new_task(consumer("c2", 1));
    p = new_task(producer("p", 2, 1));
    run_all();
    expect_trace("p:put1 c1:got1 p:put2 c2:got2", "the first getter to wait gets the first "
                 "item");
    ck_assert_err(task_free(c1), CO_OK);
    ck_assert_err(task_free(c2), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

static struct task *victim;
static void cancel_victim(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
}

/* How many waiters a line (arg: a struct waiters) holds at this moment. */
static size_t line_then;
static void note_line(struct loop *loop, void *arg)
{
    (void)loop;
    line_then = ((const struct waiters *)arg)->n;
}

START_TEST(test_a_cancelled_get_leaves_the_queue_as_it_was)
{
    struct task *c1, *c2, *p;

    init_q(0);
    c1 = new_task(consumer("c1", 1));
    c2 = new_task(consumer("c2", 1));
    victim = c1;
    loop_call_later(&L, 0.5, cancel_victim, NULL, NULL);
    loop_call_later(&L, 0.75, note_line, &Q.getters, NULL);
    p = new_task(producer("p", 1, 1));
    run_all();
    ck_assert_msg(future_cancelled(&c1->fut), "c1 was cancelled while it waited in get");
    expect_trace("p:put1 c2:got1", "the item goes to c2; c1's cancelled waiter is skipped");
    ck_assert_msg(line_then == 1, "c1, cancelled at t=0.5 while it waited in get, must take "
                  "its future out of the getters' line at once (sync.h): at t=0.75 the line "
                  "should hold c2 alone, it held %zu entries (hint: after the await, a "
                  "waiter that was not woken removes itself)", line_then);
    ck_assert_err(task_free(c1), CO_OK);
    ck_assert_err(task_free(c2), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

START_TEST(test_task_done_too_many_times_is_ValueError)
{
    struct co_exc exc = { 0 };
    struct co_value v;

    init_q(0);
    EXPECT_OK(queue_put_nowait(&Q, co_int(1), &exc));
    EXPECT_OK(queue_get_nowait(&Q, &v, &exc));
    EXPECT_OK(queue_task_done(&Q, &exc));
    ck_assert_err(queue_task_done(&Q, &exc), GEN_RAISED);
    ck_assert_msg(exc.kind == CO_VALUE_ERROR, "a second task_done raises ValueError");
    ck_assert_str_eq(co_exc_msg(&exc), "task_done() called too many times");
}
END_TEST

/* async def main(): await q.join(); trace("joined") */
static enum gen_step joiner_body(struct gen *g, void *frame)
{
    struct co_value *r = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, queue_join(&Q), *r);
    trace("joined@%.0f", loop_time(task_running_loop()));
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

START_TEST(test_join_waits_until_every_item_is_task_done)
{
    struct task *j, *c, *p;

    init_q(0);
    p = new_task(producer("p", 2, 0));
    j = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
    c = expect_waits_for_a_consumer(j, "join waits while two items are unfinished",
                                    "p:put1 p:put2", 2, "p:put1 p:put2 c:got1 c:got2 joined@0",
                                    "join returns once both are task_done'd");
    ck_assert_err(task_free(j), CO_OK);
    ck_assert_err(task_free(c), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

START_TEST(test_join_of_a_queue_with_nothing_unfinished_returns_at_once)
{
    struct task *j;

    init_q(0);
    j = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
    run_all();
    expect_trace("joined@0", "join() with nothing put returns at once");
    ck_assert_err(task_free(j), CO_OK);
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

/* An unbounded queue that grows while its items wrap around the end of
 * its array keeps them in order: 5 put, 3 got, 20 more put, 22 got. */
START_TEST(test_items_keep_their_order_as_the_queue_wraps_and_grows)
{
    struct co_exc exc;
    struct co_value v;
    int next_put = 1, next_get = 1;

    init_q(0);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < (round == 0 ? 5 : 20); i++)
            EXPECT_OK(queue_put_nowait(&Q, co_int(next_put++), &exc));
        for (int i = 0; i < (round == 0 ? 3 : 22); i++) {
            EXPECT_OK(queue_get_nowait(&Q, &v, &exc));
            ck_assert_msg(co_value_eq(v, co_int(next_get)), "put 1..5, got 1..3, put "
                          "6..25: get_nowait number %d should give %d, it gave %s (hint: "
                          "when the array grows, copy the items from head on, wrapping "
                          "around: items[(head + i) %% cap], and double cap)", next_get,
                          next_get, v.kind == CO_INT ? "another number" : "no number");
            next_get++;
        }
    }
    ck_assert_msg(queue_empty(&Q), "every item was got: the queue is empty");
}
END_TEST

START_TEST(test_queue_destroy_refuses_while_a_getter_waits_and_frees_the_items)
{
    struct co_exc exc;
    struct task *c;

    init_q(0);
    c = new_task(consumer("c", 1));
    run_all();
    ck_assert_err(queue_destroy(&Q), CO_ESTATE);
    EXPECT_OK(queue_put_nowait(&Q, co_int(1), &exc));
    run_all();
    expect_trace("c:got1", "the getter got the item");
    EXPECT_OK(queue_put_nowait(&Q, co_int(2), &exc));
    ck_assert_msg(queue_destroy(&Q) == CO_OK && Q.items == NULL, "queue_destroy of a queue "
                  "nobody waits on must return CO_OK and free its items (items NULL)");
    ck_assert_err(task_free(c), CO_OK);
    init_q(1);                              /* a putter alone waits */
    EXPECT_OK(queue_put_nowait(&Q, co_int(1), &exc));
    c = new_task(producer("p", 1, 0));
    run_all();
    ck_assert_msg(queue_destroy(&Q) == CO_ESTATE, "Queue(maxsize=1), full, with a putter "
                  "waiting and no getter: queue_destroy must refuse with CO_ESTATE (hint: a "
                  "live waiter in any of the three lines)");
    EXPECT_OK(queue_get_nowait(&Q, &(struct co_value){ 0 }, &exc));
    run_all();
    ck_assert_err(task_free(c), CO_OK);
    EXPECT_OK(queue_destroy(&Q));
    init_q(0);
}
END_TEST

/* Three getters wait: each put serves the one that has waited longest.
 * A getter that leaves with its item wakes nobody (a getter woken for
 * nothing would wait again at the back of the line). */
START_TEST(test_three_getters_are_served_in_the_order_they_came)
{
    struct task *c[3], *p;

    init_q(0);
    c[0] = new_task(consumer("c1", 1));
    c[1] = new_task(consumer("c2", 1));
    c[2] = new_task(consumer("c3", 1));
    p = new_task(producer("p", 3, 1));
    run_all();
    expect_trace("p:put1 c1:got1 p:put2 c2:got2 p:put3 c3:got3", "three getters waiting "
                 "on an empty queue, one put a second");
    for (int i = 0; i < 3; i++)
        ck_assert_err(task_free(c[i]), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

/* Two tasks, first and second, wait in the same queue of waiters w; at
 * t=1 `act` wakes first (a get or a put) and cancels it before it runs:
 * first must end CANCELLED, and hand its turn on so that the trace reads
 * `want`. */
static void expect_turn_handed_on(struct task *first, struct task *second,
                                  loop_callback_fn *act, struct waiters *w,
                                  const char *want, const char *what)
{
    victim = first;
    loop_call_later(&L, 1, act, NULL, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&first->fut), "%s: woken then cancelled, it ends "
                  "CANCELLED", what);
    expect_trace(want, what);
    ck_assert_msg(waiters_live(w) == 0, "%s: no live waiter is left on the queue", what);
    ck_assert_err(task_free(first), CO_OK);
    ck_assert_err(task_free(second), CO_OK);
}

/* A full Queue(maxsize=1), two putters waiting: a get makes room and wakes
 * the first; cancelled before it runs, it hands the room on to the second. */
static void get_then_cancel(struct loop *loop, void *arg)
{
    struct co_exc exc;
    struct co_value v;

    (void)loop;
    (void)arg;
    ck_assert_msg(queue_get_nowait(&Q, &v, &exc) == CO_OK, "get_nowait of the full queue");
    task_cancel(victim, NULL);
}

START_TEST(test_a_putter_woken_then_cancelled_hands_the_room_to_the_next)
{
    struct co_exc exc;
    struct task *p1, *p2;

    init_q(1);
    EXPECT_OK(queue_put_nowait(&Q, co_int(0), &exc));
    p1 = new_task(producer("p1", 1, 0));
    p2 = new_task(producer("p2", 1, 0));
    expect_turn_handed_on(p1, p2, get_then_cancel, &Q.putters, "p2:put1", "the room p1 was "
                          "woken for goes to p2 once p1 is cancelled (hint: a putter that "
                          "leaves with an exception after it was woken wakes the next putter)");
}
END_TEST

/* async def slow_consumer(): for 3 items: get; await sleep(1); task_done */
static enum gen_step slow_consumer_body(struct gen *g, void *frame)
{
    struct consumer_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->n; f->k++) {
        TASK_AWAIT_GEN(g, queue_get(&Q), f->r);
        TASK_AWAIT_GEN(g, task_sleep(1, co_none()), f->r);
        trace("done%d", f->k + 1);
        queue_task_done(&Q, &g->exc);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static void one_task_done(struct loop *loop, void *arg)
{
    struct co_exc exc;

    (void)loop;
    (void)arg;
    queue_task_done(&Q, &exc);
}

/* One unfinished item: join waits for its task_done (t=1).  A joiner
 * cancelled at t=0.5 takes its future out of the joiners' line. */
START_TEST(test_join_waits_for_a_single_item_and_a_cancelled_joiner_leaves_the_line)
{
    struct co_exc exc;
    struct task *j1, *j2;

    init_q(0);
    EXPECT_OK(queue_put_nowait(&Q, co_int(1), &exc));
    EXPECT_OK(queue_get_nowait(&Q, &(struct co_value){ 0 }, &exc));
    j1 = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
    j2 = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
    victim = j1;
    loop_call_later(&L, 0.5, cancel_victim, NULL, NULL);
    loop_call_later(&L, 0.75, note_line, &Q.joiners, NULL);
    loop_call_later(&L, 1, one_task_done, NULL, NULL);
    run_all();
    expect_trace("joined@1", "one item put and got, task_done at t=1, two joiners, the first "
                 "cancelled at t=0.5: the second returns at t=1 (hint: join waits while "
                 "unfinished > 0, one item too)");
    ck_assert_msg(future_cancelled(&j1->fut) && line_then == 1, "the joiner cancelled at "
                  "t=0.5 ends CANCELLED and takes its future out of the joiners' line at "
                  "once (sync.h): at t=0.75 the line should hold the other joiner alone, it "
                  "held %zu entries (hint: after the await, a joiner that was not woken "
                  "removes itself)", line_then);
    ck_assert_err(task_free(j1), CO_OK);
    ck_assert_err(task_free(j2), CO_OK);
}
END_TEST

START_TEST(test_join_returns_only_after_the_last_task_done)
{
    struct task *j, *c, *p;
    struct gen *cg = gen_new("slow", slow_consumer_body, sizeof(struct consumer_frame));

    init_q(0);
    *(struct consumer_frame *)gen_frame(cg) = (struct consumer_frame){ .name = "slow", .n = 3 };
    p = new_task(producer("p", 3, 0));
    j = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
    c = new_task(cg);
    run_all();
    expect_trace("p:put1 p:put2 p:put3 done1 done2 done3 joined@3", "three items, each "
                 "task_done'd a second after it was got: join returns at the third, t=3 "
                 "(hint: wake the joiners when unfinished drops to 0)");
    ck_assert_err(task_free(j), CO_OK);
    ck_assert_err(task_free(c), CO_OK);
    ck_assert_err(task_free(p), CO_OK);
}
END_TEST

/* Queues whose getters, putters and joiners waited, and that still hold
 * items when destroyed, round after round: the heap must not grow. */
START_TEST(test_queues_used_and_destroyed_give_back_all_their_memory)
{
    size_t before = 0;

    for (int round = 0; round < 42; round++) {
        struct co_exc exc;
        struct task *t[4];

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        init_q(1);
        t[0] = new_task(consumer("c", 1));                    /* a getter waits */
        t[1] = new_task(producer("p", 3, 0));                 /* then a putter */
        t[2] = new_task(gen_new("join", joiner_body, sizeof(struct co_value)));
        run_all();
        t[3] = new_task(consumer("d", 1));
        run_all();
        for (int i = 0; i < 5; i++)
            queue_task_done(&Q, &exc);
        run_all();
        for (int i = 0; i < 4; i++)
            ck_assert_err(task_free(t[i]), CO_OK);
        EXPECT_OK(queue_destroy(&Q));
        ck_assert_msg(!Q.getters.v && !Q.putters.v && !Q.joiners.v, "queue_destroy must "
                      "free its three queues of waiters (waiters_free): a getter, a putter "
                      "and a joiner waited, and getters.v %s, putters.v %s, joiners.v %s",
                      Q.getters.v ? "is still there" : "is freed",
                      Q.putters.v ? "is still there" : "is freed",
                      Q.joiners.v ? "is still there" : "is freed");
        init_q(0);                          /* and an unbounded one that grows twice */
        for (int i = 0; i < 20; i++)
            EXPECT_OK(queue_put_nowait(&Q, co_int(i), &exc));
        for (int i = 0; i < 20; i++)
            EXPECT_OK(queue_get_nowait(&Q, &(struct co_value){ 0 }, &exc));
        EXPECT_OK(queue_destroy(&Q));
        trace_reset();
    }
    init_q(0);
    expect_heap(before, 4096, "40 rounds of a Queue(maxsize=1) with a getter, a putter and "
                "a joiner waiting, destroyed with an item left, then of an unbounded Queue "
                "of 20 items", "queue_destroy frees the items and the three queues of "
                "waiters; when the array grows, the old one is freed");
}
END_TEST

/* Two getters waiting: a put wakes the first; cancelled before it runs,
 * it hands the item on to the second. */
static void put_then_cancel(struct loop *loop, void *arg)
{
    struct co_exc exc;

    (void)loop;
    (void)arg;
    ck_assert_msg(queue_put_nowait(&Q, co_int(1), &exc) == CO_OK, "put_nowait");
    task_cancel(victim, NULL);
}

START_TEST(test_a_getter_woken_then_cancelled_hands_the_item_to_the_next)
{
    struct task *c1, *c2;

    init_q(0);
    c1 = new_task(consumer("c1", 1));
    c2 = new_task(consumer("c2", 1));
    expect_turn_handed_on(c1, c2, put_then_cancel, &Q.getters, "c2:got1", "the item c1 was "
                          "woken for goes to c2 once c1 is cancelled (hint: a getter that "
                          "leaves with an exception after it was woken wakes the next getter)");
}
END_TEST

/* Four getters waiting: at t=1 the second is cancelled before its turn,
 * and then a put wakes the first.  The cancelled one was never woken, so
 * it wakes nobody (CPython 3.11's Queue.get: only a getter that was woken
 * and still sees an item hands it on), and the others keep their places
 * in the line for the puts at t=2 and t=3. */
static void cancel_then_put(struct loop *loop, void *arg)
{
    struct co_exc exc;

    (void)loop;
    (void)arg;
    task_cancel(victim, NULL);
    ck_assert_msg(queue_put_nowait(&Q, co_int(1), &exc) == CO_OK, "put_nowait(1)");
}

static void put_later(struct loop *loop, void *arg)
{
    struct co_exc exc;

    (void)loop;
    ck_assert_msg(queue_put_nowait(&Q, co_int(*(const int *)arg), &exc) == CO_OK,
                  "put_nowait");
}

START_TEST(test_a_getter_cancelled_before_its_turn_wakes_nobody_and_the_line_keeps_its_order)
{
    static const int two = 2, three = 3;
    struct task *c[4];

    init_q(0);
    c[0] = new_task(consumer("c1", 1));
    c[1] = new_task(consumer("c2", 1));
    c[2] = new_task(consumer("c3", 1));
    c[3] = new_task(consumer("c4", 1));
    victim = c[1];
    loop_call_later(&L, 1, cancel_then_put, NULL, NULL);
    loop_call_later(&L, 2, put_later, (void *)&two, NULL);
    loop_call_later(&L, 3, put_later, (void *)&three, NULL);
    run_all();
    ck_assert_msg(future_cancelled(&c[1]->fut), "c2 was cancelled while it waited in get");
    expect_trace("c1:got1 c3:got2 c4:got3", "c2, cancelled before a put woke anyone, leaves "
                 "the line; c3 then c4 get the next items, as in CPython (hint: a getter that "
                 "leaves with an exception wakes the next getter only if it had been woken "
                 "itself and an item is still there; a getter woken for nothing waits again "
                 "at the back of the line)");
    for (int i = 0; i < 4; i++)
        ck_assert_err(task_free(c[i]), CO_OK);
}
END_TEST

START_TEST(test_queue_functions_refuse_NULL)
{
    struct queue other;
    struct co_exc exc;
    struct co_value v;

    ck_assert_err(queue_init(NULL, &L, 0), CO_EINVAL);
    ck_assert_err(queue_init(&other, NULL, 0), CO_EINVAL);
    init_q(0);
    ck_assert_err(queue_put_nowait(NULL, co_int(1), &exc), CO_EINVAL);
    ck_assert_err(queue_put_nowait(&Q, co_int(1), NULL), CO_EINVAL);
    ck_assert_err(queue_get_nowait(NULL, &v, &exc), CO_EINVAL);
    ck_assert_err(queue_get_nowait(&Q, NULL, &exc), CO_EINVAL);
    ck_assert_err(queue_get_nowait(&Q, &v, NULL), CO_EINVAL);
    ck_assert_err(queue_task_done(NULL, &exc), CO_EINVAL);
    ck_assert_err(queue_task_done(&Q, NULL), CO_EINVAL);
    ck_assert_err(queue_destroy(NULL), CO_EINVAL);
    ck_assert_msg(!queue_put(NULL, co_int(1)) && !queue_get(NULL) && !queue_join(NULL),
                  "queue_put, queue_get and queue_join of NULL return NULL");
    ck_assert_msg(queue_size(&Q) == 0, "refused calls put nothing in the queue");
}
END_TEST

Suite *make_queue_suite(void)
{
    Suite *s = suite_create("queue");
    TCase *tc = tcase_create("queue");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_put_nowait_and_get_nowait_are_first_in_first_out);
    tcase_add_test(tc, test_put_nowait_on_a_full_queue_raises_QueueFull);
    tcase_add_test(tc, test_get_nowait_on_an_empty_queue_raises_QueueEmpty);
    tcase_add_test(tc, test_get_waits_until_an_item_is_put);
    tcase_add_test(tc, test_put_waits_while_a_bounded_queue_is_full);
    tcase_add_test(tc, test_getters_are_served_first_come_first_served);
    tcase_add_test(tc, test_a_cancelled_get_leaves_the_queue_as_it_was);
    tcase_add_test(tc, test_task_done_too_many_times_is_ValueError);
    tcase_add_test(tc, test_join_waits_until_every_item_is_task_done);
    tcase_add_test(tc, test_join_of_a_queue_with_nothing_unfinished_returns_at_once);
    tcase_add_test(tc, test_items_keep_their_order_as_the_queue_wraps_and_grows);
    tcase_add_test(tc, test_queue_destroy_refuses_while_a_getter_waits_and_frees_the_items);
    tcase_add_test(tc, test_three_getters_are_served_in_the_order_they_came);
    tcase_add_test(tc, test_a_putter_woken_then_cancelled_hands_the_room_to_the_next);
    tcase_add_test(tc, test_join_returns_only_after_the_last_task_done);
    tcase_add_test(tc, test_join_waits_for_a_single_item_and_a_cancelled_joiner_leaves_the_line);
    tcase_add_test(tc, test_queue_functions_refuse_NULL);
    tcase_add_test(tc, test_a_getter_woken_then_cancelled_hands_the_item_to_the_next);
    tcase_add_test(tc, test_a_getter_cancelled_before_its_turn_wakes_nobody_and_the_line_keeps_its_order);
    tcase_add_test(tc, test_queues_used_and_destroyed_give_back_all_their_memory);
    suite_add_tcase(s, tc);
    return s;
}
