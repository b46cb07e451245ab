/* What lab05's test files share: the suites, the test's loop, a trace,
 * small coroutines to compose, and the checks. */
#ifndef LAB05_TESTS_H
#define LAB05_TESTS_H

#include <stdbool.h>

#include "co_check.h"
#include "co_testkit.h"
#include "gather.h"
#include "sync.h"
#include "thread.h"

Suite *make_gather_suite(void);
Suite *make_wait_suite(void);
Suite *make_compose_suite(void);
Suite *make_queue_suite(void);
Suite *make_lock_suite(void);
Suite *make_threadsafe_suite(void);
Suite *make_executor_suite(void);

#define LAB05_TIMEOUT 20

/* A fresh virtual-clock loop per test (checked fixture). */
extern struct loop L;
void setup_loop(void);
void teardown_loop(void);

/* The trace: trace(), trace_text(), expect_trace() from co_testkit.h. */

/*
 * work(name, delay, ret, raises): a coroutine
 *     async def work():
 *         trace(name + ":start"); await asyncio.sleep(delay)
 *         trace(name + ":end"); if raises: raise KIND(name); return ret
 * delay < 0: no sleep at all.  With catch_cancel it catches the
 * CancelledError of its sleep, traces "name:cancelled" and returns ret.
 */
struct gen *work(const char *name, double delay, struct co_value ret, enum co_exc_kind raises);
struct gen *work_catching(const char *name, double delay, struct co_value ret);

/* main(body): run a coroutine `body(arg)` to its end in a task on L and
 * return its outcome (CO_OK with *out, or GEN_RAISED with *exc). */
typedef struct gen *coro_maker(void *arg);
int run_main(struct gen *coro, struct co_value *out, struct co_exc *exc);

/* A task on L, or the test fails. */
struct task *new_task(struct gen *coro);
/* Run L until nothing is left. */
void run_all(void);

/* The future's outcome must be the result `want` / an exception of kind. */
#define expect_result(fut, want, situation) \
    CO_EXPECT(why_not_result((fut), (want), (situation)))
const char *why_not_result(struct future *fut, struct co_value want, const char *situation);
#define expect_raises(fut, kind, situation) \
    CO_EXPECT(why_not_raises((fut), (kind), (situation)))
const char *why_not_raises(struct future *fut, enum co_exc_kind kind, const char *situation);
/* r, *exc from run_main or gather_result_at must be CO_OK and want / an
 * exception of kind. */
#define expect_outcome(r, out, exc, want, situation) \
    CO_EXPECT(why_not_outcome((r), (out), &(exc), (want), (situation)))
const char *why_not_outcome(int r, struct co_value out, const struct co_exc *exc,
                            struct co_value want, const char *situation);
#define expect_outcome_raises(r, exc, kind, situation) \
    CO_EXPECT(why_not_outcome_raises((r), &(exc), (kind), (situation)))
const char *why_not_outcome_raises(int r, const struct co_exc *exc, enum co_exc_kind kind,
                                   const char *situation);

/* "NULL (the skeleton's TODO?)" guard for a coroutine maker's result. */
#define NEW_CORO(call) new_gen_or_fail((call), #call)

#endif
