/* What lab04's test files share: the suites, the test's loop, a trace of
 * what ran, a scripted coroutine, and the expect_* checks. */
#ifndef LAB04_TESTS_H
#define LAB04_TESTS_H

#include <stdbool.h>
#include <stddef.h>

#include "co_testkit.h"
#include "future.h"
#include "loop.h"
#include "task.h"

Suite *make_future_suite(void);
Suite *make_callbacks_suite(void);
Suite *make_task_suite(void);
Suite *make_cancel_suite(void);
Suite *make_sleep_suite(void);
Suite *make_run_suite(void);
Suite *make_details_suite(void);

/* Seconds before a test counts as hung (an endless loop fails, never hangs). */
#define LAB04_TIMEOUT 10

/* The loop of the current test, a fresh virtual-clock loop, and two
 * pending futures on it: made by setup_loop and destroyed by
 * teardown_loop, every suite's one fixture (checked, so each test gets
 * its own, in its own process). */
extern struct loop L;
extern struct future F, G;
void setup_loop(void);
void teardown_loop(void);

/* ---- the trace: what ran, in order ---------------------------------- */

/* trace(), trace_text(), trace_reset() and expect_trace() are co_testkit.h's. */

/* A done callback that only records: arg is the word (a string literal);
 * it appends "word" (or "word:STATE" with record_state_cb). */
void record_done_cb(struct future *fut, void *arg);
void record_state_cb(struct future *fut, void *arg);
/* A loop callback that appends its word (a string literal). */
void record_cb(struct loop *loop, void *arg);

/* ---- a scripted coroutine --------------------------------------------
 * Python, roughly:
 *     async def NAME():
 *         trace("NAME:start")
 *         for k in range(bare_yields): await asyncio.sleep(0); trace("NAME:k")
 *         r = await awaited              # if awaited (a future or a task)
 *         r = await sub                  # if sub (a coroutine, delegated to)
 *         trace("NAME:got R")
 *         if raises: raise KIND("NAME failed")
 *         return ret (or r if ret is none and it awaited something)
 * With catching, the await is in `try: ... except BaseException as e:`,
 * which traces "NAME:caught KIND" and then does on_catch.
 * The script is the test's; the coroutine reads it as it runs, so a test
 * may fill in `awaited` after making the coroutine. */
enum on_catch {
    CATCH_RERAISE = 0,   /* raise it again */
    CATCH_RETURN,        /* return ret: swallow it */
    CATCH_AWAIT_AGAIN,   /* await `awaited` once more (e.g. a second future) */
};
struct script {
    const char *name;
    int bare_yields;
    struct future *awaited;      /* await this (after the bare yields), or NULL */
    struct future *awaited2;     /* CATCH_AWAIT_AGAIN: then this one */
    struct gen *sub;             /* or delegate to this coroutine (taken), or NULL */
    bool catching;
    enum on_catch on_catch;
    struct co_value ret;
    enum co_exc_kind raises;     /* CO_EXC_NONE: return */
    int steps;                   /* counted by the body: each entry */
};
struct gen *script_new(struct script *s);

/* ---- checks ------------------------------------------------------------- */

/* fut must be in `state`. */
#define expect_fut_state(fut, state, situation) \
    CO_EXPECT(why_not_fut_state((fut), (state), (situation)))
const char *why_not_fut_state(const struct future *fut, enum future_state state,
                              const char *situation);

/* future_result(fut) must give CO_OK and `want`. */
#define expect_result(fut, want, situation) \
    CO_EXPECT(why_not_result((fut), (want), (situation)))
const char *why_not_result(struct future *fut, struct co_value want, const char *situation);

/* future_result(fut) must raise (GEN_RAISED) an exception of `kind`;
 * msg, if not NULL, must be its message. */
#define expect_result_raises(fut, kind, msg, situation) \
    CO_EXPECT(why_not_result_raises((fut), (kind), (msg), (situation)))
const char *why_not_result_raises(struct future *fut, enum co_exc_kind kind,
                                  const char *msg, const char *situation);

/* task_create on L must succeed. */
#define NEW_TASK(coro, name) new_task_or_fail((coro), (name), #coro)
struct task *new_task_or_fail(struct gen *coro, const char *name, const char *expr);

/* Run L until nothing is left (loop_run_forever gives CO_EDONE). */
#define run_all(situation) CO_EXPECT(why_not_run_all(situation))
const char *why_not_run_all(const char *situation);

/* loop_run_once(&L) must succeed. */
#define run_once(situation) CO_EXPECT(why_not_run_once(situation))
const char *why_not_run_once(const char *situation);

/* Free t; it must work. */
#define FREE_TASK(t) EXPECT_OK(task_free(t))

/* Whether the test runs under valgrind (heap_in_use is co_testkit.h's). */
bool under_valgrind(void);

#endif
