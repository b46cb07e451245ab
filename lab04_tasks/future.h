/*
 * future - a result that is not there yet (asyncio.Future).
 *
 * A future is a box with three states.  It starts PENDING; somebody
 * later puts a result in it (set_result) or an exception (set_exception),
 * and it is FINISHED; or it is cancelled first, and it is CANCELLED.
 * It never changes again after that.  Whoever wants to know when it is
 * done registers a *done callback*; the future does not call it itself:
 * the moment it is done, it asks its loop (lab03) to call each callback
 * with loop_call_soon, in the order they were registered.  So a callback
 * never runs inline, inside set_result, and never before the code that
 * finished the future has returned to the loop.
 *
 *     fut = loop.create_future()          struct future fut;
 *     fut.add_done_callback(               future_init(&fut, &loop);
 *         functools.partial(show, "x"))    future_add_done_callback(&fut, show, "x");
 *     fut.set_result(15)                  future_set_result(&fut, co_int(15), NULL);
 *     # show("x", fut) runs in the         // show(&fut, "x") runs in the next
 *     # loop's next iteration              // iteration of the loop
 *
 * A callback gets the future and one bound argument: the C form of the
 * seeds' functools.partial(callback, arg).
 *
 * What is stored.  While PENDING, `outcome` is none.  FINISHED with a
 * result: outcome is StopIteration carrying the result (as a finished
 * generator reports its return value, lab01; lab03's loop_runner does the
 * same).  FINISHED with an exception: outcome is that exception.
 * CANCELLED: outcome is CancelledError carrying cancel()'s message.  One
 * co_exc holds every case, so a future costs one word less than a result
 * field plus an exception field would.
 *
 * Where a future's bytes go (x86-64; a struct co_exc is 40 bytes since
 * lab04: kind, a message pointer, a value and a context pointer):
 *      4  magic, state, blocking flag
 *      4  n_callbacks
 *      8  loop
 *     40  outcome
 *     16  the first done callback, inline (a future awaited by one task
 *         needs no allocation for it)
 *      8  more: the other callbacks (allocated only for the second)
 *      4  n_scheduled
 *      4  log_exception, is_task and padding
 *   = 88 bytes (CPython's Future object: about 200).
 *
 * Awaiting a future from a coroutine (TASK_AWAIT, in task.h) yields the
 * future to the task that drives the coroutine; the task registers its
 * wake-up as a done callback.  That is all a task is: see task.h.
 *
 * Your file is future.c.  future_state_name, future_check,
 * future_log_unretrieved and future_await_result_ are given
 * (task_given.c).
 * Not thread-safe: a future belongs to the thread that runs its loop.
 */
#ifndef FUTURE_H
#define FUTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"
#include "loop.h"

/* A future's states, asyncio's three. */
enum future_state {
    FUTURE_PENDING,    /* no result yet */
    FUTURE_CANCELLED,  /* cancelled before it had one */
    FUTURE_FINISHED,   /* has a result or an exception */
};

struct future;

/* A done callback: called (by the loop, never inline) with the future
 * that is done and the argument bound when it was added. */
typedef void future_done_fn(struct future *fut, void *arg);

/* One registered done callback: the function and its bound argument. */
struct future_callback {
    future_done_fn *fn;
    void *arg;
};

/* The first field of every initialised future.  A task looks for it in a
 * pointer that a coroutine yields, as asyncio looks for the attribute
 * `_asyncio_future_blocking`: that is how it tells "await fut" from any
 * other yield (see TASK_AWAIT in task.h). */
#define FUTURE_MAGIC 0xF07E

/*
 * A future.  Storage is yours (future_init / future_destroy) or the
 * module's (future_new / future_free); the fields are public so that you
 * and the shell's playground can see the mechanism, but only future.c,
 * task.c and the await macros write them.
 * Invariants (checked by future_check):
 *   - magic == FUTURE_MAGIC;
 *   - PENDING: outcome is none (kind CO_EXC_NONE);
 *     FINISHED: outcome.kind != CO_EXC_NONE and is not CancelledError
 *               unless set_exception stored one;
 *     CANCELLED: outcome is CancelledError;
 *   - PENDING: n_scheduled == 0 (callbacks wait in the list);
 *     done: n_scheduled <= n_callbacks, and the list holds the callbacks
 *     handed to the loop, of which the first n_callbacks - n_scheduled
 *     have run;
 *   - more != NULL whenever n_callbacks > 1;
 *   - log_exception only when FINISHED with an exception.
 */
struct future {
    uint16_t magic;               /* FUTURE_MAGIC; 0 once destroyed */
    uint8_t state;                /* enum future_state */
    bool blocking;                /* asyncio's _asyncio_future_blocking: set by
                                     TASK_AWAIT right before it yields the future,
                                     cleared by the task that takes it */
    uint32_t n_callbacks;         /* entries in the list: first, then more[] */
    struct loop *loop;            /* the loop that runs the callbacks; borrowed */
    struct co_exc outcome;        /* see "What is stored" above */
    struct future_callback first; /* callback 0 (when n_callbacks >= 1) */
    struct future_callback *more; /* callbacks 1 .. n_callbacks-1, in order; owned,
                                     capacity the power of two >= n_callbacks - 1 */
    uint32_t n_scheduled;         /* callbacks queued on the loop that have not
                                     run yet: the future must outlive them */
    bool log_exception;           /* failed and nobody has looked at the exception
                                     (asyncio's __log_traceback) */
    bool is_task;                 /* this future is the `fut` of a struct task */
};

/* ---------------------------------------------------------------- */
/* Step 1: state, result and exception                              */
/* ---------------------------------------------------------------- */

/*
 * future_init - make *fut a PENDING future of `loop` with no callbacks.
 * Allocates nothing.  Returns CO_OK; CO_EINVAL if fut or loop is NULL.
 */
int future_init(struct future *fut, struct loop *loop);

/*
 * future_destroy - release what *fut holds (the callback array), after
 * which its storage may be reused.  A future FINISHED with an exception
 * that nobody retrieved (future_result, future_exception) says so on
 * stderr first, as CPython logs it when it collects the future:
 *     Future exception was never retrieved
 *     future: <Future finished exception=ValueError('boom')>
 * (future_log_unretrieved, given).  NULL is a no-op returning CO_OK.
 * Fails with CO_ESTATE, changing nothing, while callbacks of fut are
 * still queued on an open loop (n_scheduled > 0): they would be called
 * with a dead future.  On a closed loop they will never run: fine.
 */
int future_destroy(struct future *fut);

/* future_new / future_free - the same on the heap (loop.create_future()).
 * future_new returns NULL if loop is NULL or memory ran out.  future_free
 * fails as future_destroy (and then frees nothing). */
struct future *future_new(struct loop *loop);
int future_free(struct future *fut);

/* The state; future_done is "not PENDING", future_cancelled "CANCELLED". */
enum future_state future_state(const struct future *fut);
bool future_done(const struct future *fut);
bool future_cancelled(const struct future *fut);

/* "PENDING", "CANCELLED", "FINISHED" (asyncio's _state strings). Given. */
const char *future_state_name(enum future_state state);

/*
 * future_set_result - finish fut with `result` (fut.set_result(result))
 * and hand its done callbacks to the loop (loop_call_soon, in order of
 * registration; none of them runs before this returns).
 *
 * Returns CO_OK.  Fails, changing nothing, with CO_EINVAL (fut NULL),
 * CO_ESTATE if fut is already done (*exc = InvalidStateError
 * "invalid state", as asyncio raises), or CO_ECLOSED if it has callbacks
 * and the loop is closed.  exc may be NULL.  CO_ENOMEM (the loop could
 * not queue a callback) comes after the fact, as in asyncio: fut is
 * done all the same, and the callbacks not queued are dropped.
 *
 * How callbacks are handed over: one loop_call_soon per callback (as
 * asyncio), each with arg = fut; the k-th of these calls runs the k-th
 * callback of fut's list (they run in FIFO order, so the next one to run
 * is always entry n_callbacks - n_scheduled).  A callback added to a
 * done future joins the end of that list with a call_soon of its own.
 * When the last one has run, the list is empty again (n_callbacks = 0).
 */
int future_set_result(struct future *fut, struct co_value result,
                      struct co_exc *exc);

/*
 * future_set_exception - finish fut with a copy of *e (fut.set_exception)
 * and hand over its callbacks, as future_set_result.  From now on fut
 * remembers that nobody has looked at the exception (log_exception).
 *
 * Fails, changing nothing, with CO_EINVAL (fut or e NULL, or e is none;
 * also e is StopIteration: *exc = TypeError "StopIteration interacts
 * badly with generators and cannot be raised into a Future", as asyncio
 * refuses it), CO_ESTATE (already done: *exc = InvalidStateError) or
 * CO_ECLOSED; CO_ENOMEM comes after the fact, as for set_result.  exc
 * may be NULL.
 */
int future_set_exception(struct future *fut, const struct co_exc *e,
                         struct co_exc *exc);

/*
 * future_result - fut.result().
 *   FINISHED with a result:     *out = the result; returns CO_OK;
 *   FINISHED with an exception: *exc = it; returns GEN_RAISED;
 *   CANCELLED:                  *exc = CancelledError (cancel's message);
 *                               returns GEN_RAISED;
 *   PENDING: fails with CO_ESTATE, *exc = InvalidStateError
 *            "Result is not ready.".
 * Either way the exception counts as retrieved (log_exception = false).
 * Fails with CO_EINVAL if an argument is NULL.
 */
int future_result(struct future *fut, struct co_value *out,
                  struct co_exc *exc);

/*
 * future_exception - fut.exception(): the exception, without raising it.
 *   FINISHED: *exc = the exception, or none (kind CO_EXC_NONE) if fut has
 *             a result; returns CO_OK; the exception counts as retrieved;
 *   CANCELLED: *exc = CancelledError; returns GEN_RAISED (asyncio raises);
 *   PENDING: fails with CO_ESTATE, *exc = InvalidStateError
 *            "Exception is not set.".
 * Fails with CO_EINVAL if an argument is NULL.
 */
int future_exception(struct future *fut, struct co_exc *exc);

/* ---------------------------------------------------------------- */
/* Step 2: cancellation and done callbacks                          */
/* ---------------------------------------------------------------- */

/*
 * future_cancel - fut.cancel(msg).  If fut is PENDING it becomes
 * CANCELLED, its outcome CancelledError with message msg (NULL: none;
 * the text is copied), and its callbacks are handed to the loop; returns
 * true.  A done future is not touched: false.  (If the loop cannot take
 * the callbacks, the future is cancelled all the same and they are
 * dropped: asyncio would raise from call_soon.)  NULL gives false.
 */
bool future_cancel(struct future *fut, const char *msg);

/*
 * future_add_done_callback - call fn(fut, arg) once fut is done.  On a
 * PENDING future the callback is registered, after the others.  On a
 * done future it is handed to the loop at once (it runs in the loop's
 * next iteration, never inline).  The same (fn, arg) may be added twice
 * and is then called twice.
 *
 * Returns CO_OK.  Fails, changing nothing and never calling fn, with
 * CO_EINVAL (fut or fn NULL), CO_ECLOSED (done future, closed loop) or
 * CO_ENOMEM.
 */
int future_add_done_callback(struct future *fut, future_done_fn *fn, void *arg);

/*
 * future_remove_done_callback - unregister every callback equal to
 * (fn, arg), keeping the others in their order.  Returns how many were
 * removed (0 when there were none, also once fut is done: its callbacks
 * are the loop's by then); CO_EINVAL if fut or fn is NULL.
 */
int future_remove_done_callback(struct future *fut, future_done_fn *fn, void *arg);

/* The loop of fut (asyncio's fut.get_loop()). */
struct loop *future_loop(const struct future *fut);

/* future_check - 1 if fut's invariants (above struct future) hold, else 0.
 * Given. */
int future_check(const struct future *fut);

/*
 * future_log_unretrieved - given: if fut failed and nobody retrieved the
 * exception, print CPython's message to stderr (what = "Future",
 * "Task", or lab05's "_GatheringFuture"; detail is the rest of the repr,
 * e.g. "name='Task-1' coro=<bad() done>", may be NULL) and clear
 * log_exception.  future_destroy, task_free and lab05's gather_free
 * call it.
 */
void future_log_unretrieved(struct future *fut, const char *what,
                            const char *detail);

/*
 * future_await_result_ - given, for the await macros (task.h): what
 * `await fut` evaluates to once fut is done.  *out = the result and
 * CO_OK, or *exc = the exception (retrieved) and GEN_RAISED; a fut still
 * PENDING gives RuntimeError "await wasn't used with future".
 */
int future_await_result_(struct future *fut, struct co_value *out,
                         struct co_exc *exc);

#endif
