/*
 * The speed part's workload (lab.mk: `speed loop OPS POINTS`; the grader
 * times it from outside against the reference, grader/README.md "The
 * speed part").  OPS (CORO_SPEED_OPS) operations, each a call_soon and
 * its call, in batches of 1000 with one run_once per batch, as
 * bench/loop.c's "batches of 1000"; and every 64th operation also a timer
 * at a pseudo-random delay, all fired by run_forever on the virtual clock.
 * Every result is checked: a fast wrong loop earns nothing.  (0
 * operations: what the program costs doing nothing, which the grader
 * takes off.)
 */
#include <stdint.h>

#include "co_check.h"
#include "co_testkit.h"
#include "loop.h"

/* What the callbacks saw. */
static struct {
    uint64_t next;       /* the sequence number the next call_soon callback must carry */
    uint64_t fired;      /* timers fired */
    double last;         /* the time the last timer fired at */
    int out_of_order;    /* a callback ran out of its turn */
} seen;

static void soon_cb(struct loop *loop, void *arg)
{
    (void)loop;
    seen.out_of_order |= (uintptr_t)arg != seen.next;
    seen.next++;
}

static void timer_cb(struct loop *loop, void *arg)
{
    double now = loop_time(loop);

    (void)arg;
    seen.out_of_order |= now < seen.last;
    seen.last = now;
    seen.fired++;
}


START_TEST(test_speed_loop)
{
    uint64_t ops = (uint64_t)co_speed_ops(1000), timers = 0, x = 1;
    struct loop loop;
    int r;

    ck_assert_err(loop_init(&loop, LOOP_CLOCK_VIRTUAL), CO_OK);
    for (uint64_t k = 0; k < ops; k += 1000) {
        for (uint64_t i = k; i < k + 1000; i++) {
            if (loop_call_soon(&loop, soon_cb, (void *)(uintptr_t)i, NULL) != CO_OK)
                ck_abort_msg("call_soon failed at operation %llu", (unsigned long long)i);
            if (i % 64 == 0) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                if (loop_call_later(&loop, 1.0 + (double)(x >> 11) / (1ULL << 53), timer_cb,
                                    NULL, NULL) != CO_OK)
                    ck_abort_msg("call_later failed at operation %llu", (unsigned long long)i);
                timers++;
            }
        }
        r = loop_run_once(&loop);
        ck_assert_msg(r == 1000 && seen.next == k + 1000 && !seen.out_of_order,
                      "a run_once after 1000 call_soon ran %d callbacks (expected 1000, each "
                      "once, in order)", r);
    }
    ck_assert_msg(seen.fired == 0, "a timer 1 s away fired before the clock moved");
    ck_assert_err(loop_run_forever(&loop), CO_EDONE);
    ck_assert_msg(seen.fired == timers && !seen.out_of_order,
                  "run_forever fired %llu of %llu timers%s", (unsigned long long)seen.fired,
                  (unsigned long long)timers, seen.out_of_order ? ", out of deadline order" : "");
    ck_assert_err(loop_destroy(&loop), CO_OK);
}
END_TEST

Suite *make_speed_loop_suite(void)
{
    return co_speed_suite(test_speed_loop);
}
