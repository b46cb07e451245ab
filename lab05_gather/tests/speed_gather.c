/*
 * The speed part's workload (lab.mk: `speed gather OPS POINTS`; the
 * grader times it from outside against the reference, grader/README.md
 * "The speed part").  OPS (CORO_SPEED_OPS) tasks, as bench/gather.c's "a
 * million tasks" in rounds: each round one gather of GATHER_ROUND
 * coroutines, each awaiting sleep(0) once and returning its number, run
 * to completion on the virtual clock; then every result is checked in its
 * place and the gather freed.  A fast wrong gather earns nothing.  (0
 * operations: what the program costs doing nothing, which the grader
 * takes off.)
 */
#include "co_check.h"
#include "co_testkit.h"
#include "gather.h"

/* Coroutines per gather. */
#define GATHER_ROUND 5000

struct numbered_frame {
    long long number;        /* set before the first resume: what it returns */
    struct co_value slept;
};

static enum gen_step numbered_body(struct gen *g, void *frame)
{
    struct numbered_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep(0, co_none()), f->slept);
    GEN_RETURN(g, co_int(f->number));
    GEN_END(g);
}

START_TEST(test_speed_gather)
{
    long long ops = co_speed_ops(GATHER_ROUND);
    static struct aw aws[GATHER_ROUND];
    struct loop loop;

    ck_assert_err(loop_init(&loop, LOOP_CLOCK_VIRTUAL), CO_OK);
    for (long long done = 0; done < ops; done += GATHER_ROUND) {
        struct gather *ga = NULL;
        struct co_value out;
        struct co_exc exc = { 0 };

        for (int i = 0; i < GATHER_ROUND; i++) {
            struct gen *g = gen_new("numbered", numbered_body, sizeof(struct numbered_frame));

            if (!g)               /* (a check per item would fill Check's message file) */
                ck_abort_msg("gen_new failed");
            ((struct numbered_frame *)gen_frame(g))->number = done + i;
            aws[i] = AW_CORO(g);
        }
        ck_assert_err(gather_new(&loop, aws, GATHER_ROUND, false, &ga), CO_OK);
        ck_assert_err(task_run_until_complete(&loop, &ga->fut, &out, &exc), CO_OK);
        for (int i = 0; i < GATHER_ROUND; i++) {
            int r = gather_result_at(ga, (size_t)i, &out, &exc);

            if (r != CO_OK || out.kind != CO_INT || out.as.i != done + i)
                ck_abort_msg("result %d of a gather of %d: expected %lld, got %s", i,
                             GATHER_ROUND, done + i, r != CO_OK ? co_errname(r)
                             : "another value");
        }
        ck_assert_err(gather_free(ga), CO_OK);
    }
    ck_assert_err(loop_destroy(&loop), CO_OK);
}
END_TEST

Suite *make_speed_gather_suite(void)
{
    return co_speed_suite(test_speed_gather);
}
