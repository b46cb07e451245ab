/* Step 6: call_soon_threadsafe.  Other threads reach the loop only
 * through the door: a mailbox and an eventfd the loop watches. */
#include "lab05_tests.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

static struct ts TS;
static bool ts_ok;

static void setup(void)
{
    setup_loop();
    ts_ok = false;
}

static void teardown(void)
{
    if (ts_ok)
        ts_destroy(&TS);
    teardown_loop();
}

static void init_ts(void)
{
    int r = ts_init(&TS, &L);

    ck_assert_msg(r == CO_OK, "ts_init(&TS, &L): expected CO_OK, got %s%s", co_errname(r),
                  todo_hint(r, NULL));
    ts_ok = true;
}

static void say(struct loop *loop, void *arg)
{
    (void)loop;
    trace("%s", (const char *)arg);
}

static void stop(struct loop *loop, void *arg)
{
    (void)arg;
    trace("stop");
    loop_stop(loop);
}

START_TEST(test_ts_init_watches_an_eventfd_with_a_reader)
{
    init_ts();
    ck_assert_msg(TS.fd >= 0, "ts_init makes the wake-up descriptor (fd is %d)", TS.fd);
    ck_assert_msg(loop_io_count(&L) == 1, "and watches it with loop_add_reader (the loop "
                  "watches %zu descriptors)", loop_io_count(&L));
}
END_TEST

START_TEST(test_calls_from_the_loop_s_own_thread_run_in_order_on_the_loop)
{
    init_ts();
    EXPECT_OK(ts_call_soon(&TS, say, "a"));
    EXPECT_OK(ts_call_soon(&TS, say, "b"));
    EXPECT_OK(ts_call_soon(&TS, stop, NULL));
    expect_trace("", "nothing runs inside ts_call_soon");
    ck_assert_err(loop_run_forever(&L), CO_OK);
    expect_trace("a b stop", "the loop wakes, takes the calls in order");
}
END_TEST

/* A producer thread: n calls of count() */
#define PRODUCERS 4
#define CALLS 2500
static long counted;
static long seen_last[PRODUCERS];
static bool out_of_order;

struct item {
    int producer;
    long seq;
};
static struct item items[PRODUCERS][CALLS];

static void count(struct loop *loop, void *arg)
{
    struct item *it = arg;

    if (it->seq != seen_last[it->producer] + 1)
        out_of_order = true;
    seen_last[it->producer] = it->seq;
    if (++counted == (long)PRODUCERS * CALLS)
        loop_stop(loop);
}

static void *producer_thread(void *arg)
{
    int p = (int)(long)arg;

    for (long i = 0; i < CALLS; i++) {
        items[p][i] = (struct item){ p, i + 1 };
        if (ts_call_soon(&TS, count, &items[p][i]) != CO_OK)
            return (void *)1;
    }
    return NULL;
}

START_TEST(test_four_producer_threads_lose_nothing_and_keep_each_one_s_order)
{
    pthread_t th[PRODUCERS];
    void *ret;
    bool failed = false;

    init_ts();
    counted = 0;
    out_of_order = false;
    for (int p = 0; p < PRODUCERS; p++)
        seen_last[p] = 0;
    for (long p = 0; p < PRODUCERS; p++)
        ck_assert(pthread_create(&th[p], NULL, producer_thread, (void *)p) == 0);
    ck_assert_err(loop_run_forever(&L), CO_OK);
    for (int p = 0; p < PRODUCERS; p++) {
        pthread_join(th[p], &ret);
        failed = failed || ret != NULL;
    }
    ck_assert_msg(!failed, "ts_call_soon failed in a producer thread");
    ck_assert_msg(counted == (long)PRODUCERS * CALLS, "%d threads x %d calls: the loop "
                  "ran %ld of them", PRODUCERS, CALLS, counted);
    ck_assert_msg(!out_of_order, "each thread's calls run in the order it made them");
}
END_TEST

static void *late_caller(void *arg)
{
    (void)arg;
    ts_call_soon(&TS, stop, NULL);
    return NULL;
}

START_TEST(test_a_loop_waiting_in_poll_wakes_for_a_call_from_another_thread)
{
    pthread_t th;

    init_ts();
    ck_assert(pthread_create(&th, NULL, late_caller, NULL) == 0);
    ck_assert_err(loop_run_forever(&L), CO_OK);   /* waits in poll until the write */
    pthread_join(th, NULL);
    expect_trace("stop", "the call from the other thread woke the loop");
}
END_TEST

START_TEST(test_ts_call_soon_refuses_NULL_and_a_destroyed_door)
{
    init_ts();
    ck_assert_err(ts_call_soon(NULL, say, "x"), CO_EINVAL);
    ck_assert_err(ts_call_soon(&TS, NULL, "x"), CO_EINVAL);
    EXPECT_OK(ts_destroy(&TS));
    ts_ok = false;
    ck_assert_msg(loop_io_count(&L) == 0, "ts_destroy removes its reader");
    ck_assert_err(ts_call_soon(&TS, say, "x"), CO_ECLOSED);
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

/* Doors opened, used from the loop's own thread (40 calls: the mailbox
 * grows) and destroyed, round after round: the heap must not grow. */
START_TEST(test_doors_used_and_destroyed_give_back_all_their_memory)
{
    size_t before = 0;

    for (int round = 0; round < 42; round++) {
        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        init_ts();
        for (int i = 0; i < 40; i++)
            EXPECT_OK(ts_call_soon(&TS, say, "x"));
        EXPECT_OK(ts_call_soon(&TS, stop, NULL));
        ck_assert_err(loop_run_forever(&L), CO_OK);
        for (int i = 0; i < 40; i++)        /* left in the mailbox at destroy */
            EXPECT_OK(ts_call_soon(&TS, say, "y"));
        EXPECT_OK(ts_destroy(&TS));
        ts_ok = false;
        trace_reset();
    }
    expect_heap(before, 4096, "40 rounds of a door with 40 calls moved to the loop and 40 "
                "left in its mailbox, then destroyed", "the loop's reader frees the "
                "mailbox it moved, ts_destroy the one still there");
}
END_TEST

START_TEST(test_ts_init_refuses_NULL_and_a_closed_loop)
{
    struct ts other;
    struct loop m;

    ck_assert_err(ts_init(NULL, &L), CO_EINVAL);
    ck_assert_err(ts_init(&other, NULL), CO_EINVAL);
    ck_assert_err(ts_destroy(NULL), CO_EINVAL);
    EXPECT_OK(loop_init(&m, LOOP_CLOCK_VIRTUAL));
    EXPECT_OK(loop_close(&m));
    ck_assert_err(ts_init(&other, &m), CO_ECLOSED);
    ck_assert_msg(loop_io_count(&m) == 0 && loop_io_count(&L) == 0, "refused ts_init "
                  "calls watch no descriptor");
    EXPECT_OK(loop_destroy(&m));
}
END_TEST

/* The loop moves the mailbox and starts a fresh one: each call is handed
 * over once (moved counts them), whatever came before. */
START_TEST(test_each_call_is_moved_to_the_loop_once)
{
    init_ts();
    for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < 3; i++)
            EXPECT_OK(ts_call_soon(&TS, say, "x"));
        EXPECT_OK(ts_call_soon(&TS, stop, NULL));
        ck_assert_err(loop_run_forever(&L), CO_OK);
        ck_assert_msg(TS.moved == 4ull * round && TS.n == 0, "after %d round(s) of 4 calls, "
                      "the loop should have moved %d calls and left the mailbox empty: "
                      "moved %llu, n %zu (hint: the reader takes the whole mailbox and "
                      "leaves box NULL, n and cap 0)", round, 4 * round, TS.moved, TS.n);
    }
    expect_trace("x x x stop x x x stop x x x stop", "three rounds of three calls and a stop");
}
END_TEST

/* ts_destroy closes the eventfd and leaves fd -1 (thread.h), so a second
 * one is refused; a destroyed door refuses every call, not only the first. */
START_TEST(test_a_destroyed_door_refuses_a_second_destroy_and_every_call)
{
    int fd;

    init_ts();
    fd = TS.fd;
    EXPECT_OK(ts_destroy(&TS));
    ts_ok = false;
    ck_assert_msg(TS.fd == -1, "after ts_destroy, fd is -1 (thread.h), not %d", TS.fd);
    ck_assert_msg(fcntl(fd, F_GETFD) == -1, "ts_destroy must close the door's eventfd "
                  "(descriptor %d is still open: every door made and destroyed would leak "
                  "one; hint: ts_wakefd_close)", fd);
    ck_assert_err(ts_destroy(&TS), CO_EINVAL);
    ck_assert_err(ts_call_soon(&TS, say, "x"), CO_ECLOSED);
    ck_assert_err(ts_call_soon(&TS, say, "y"), CO_ECLOSED);
}
END_TEST

/* The eventfd may get descriptor 0 (stdin closed): a door on it works and
 * is destroyed like any other. */
START_TEST(test_a_door_on_descriptor_0_works_and_is_destroyed)
{
    int saved = dup(0);

    ck_assert_msg(saved >= 0, "test setup: dup(0) failed");
    close(0);
    init_ts();
    ck_assert_msg(TS.fd == 0, "test setup: with descriptor 0 closed, the door's eventfd "
                  "should get descriptor 0 (it got %d)", TS.fd);
    EXPECT_OK(ts_call_soon(&TS, stop, NULL));
    ck_assert_err(loop_run_forever(&L), CO_OK);
    ck_assert_msg(ts_destroy(&TS) == CO_OK, "ts_destroy of a door whose eventfd is "
                  "descriptor 0 should be CO_OK (hint: only fd < 0 means destroyed)");
    ts_ok = false;
    dup2(saved, 0);
    close(saved);
}
END_TEST

Suite *make_threadsafe_suite(void)
{
    Suite *s = suite_create("threadsafe");
    TCase *tc = tcase_create("threadsafe");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_ts_init_watches_an_eventfd_with_a_reader);
    tcase_add_test(tc, test_calls_from_the_loop_s_own_thread_run_in_order_on_the_loop);
    tcase_add_test(tc, test_four_producer_threads_lose_nothing_and_keep_each_one_s_order);
    tcase_add_test(tc, test_a_loop_waiting_in_poll_wakes_for_a_call_from_another_thread);
    tcase_add_test(tc, test_ts_call_soon_refuses_NULL_and_a_destroyed_door);
    tcase_add_test(tc, test_doors_used_and_destroyed_give_back_all_their_memory);
    tcase_add_test(tc, test_ts_init_refuses_NULL_and_a_closed_loop);
    tcase_add_test(tc, test_each_call_is_moved_to_the_loop_once);
    tcase_add_test(tc, test_a_destroyed_door_refuses_a_second_destroy_and_every_call);
    tcase_add_test(tc, test_a_door_on_descriptor_0_works_and_is_destroyed);
    suite_add_tcase(s, tc);
    return s;
}
