/*
 * gather - composing futures (asyncio.gather, wait, wait_for,
 * as_completed, shield).
 *
 * Everything here is built from lab04's two pieces only: a future's done
 * callbacks, and a coroutine that awaits a future.  gather is a future
 * that a done callback on each child finishes once all are done; wait and
 * wait_for are coroutines that await one private "waiter" future which a
 * child's callback (or a timer) sets; as_completed hands the children back
 * in the order their callbacks ran; shield is a second future that copies
 * the first one's outcome but not its cancellation.
 *
 *     results = await asyncio.gather(       struct aw aws[] = { AW_CORO(a()), AW_FUT(&t->fut) };
 *         a(), t, return_exceptions=True)   gather_new(loop, aws, 2, true, &ga);
 *                                           TASK_AWAIT(g, &f->ga->fut, f->r);
 *                                           gather_result_at(f->ga, 0, &v, &e);
 *
 * An awaitable (struct aw) is a future (a task's &t->fut, or any future)
 * or a coroutine not started yet (a struct gen in state CREATED).  gather
 * and wait_for wrap a coroutine in a task of their own (asyncio's
 * ensure_future) and free it when they are freed; wait refuses coroutines
 * as Python 3.11 does.
 *
 * Callbacks and lifetimes.  A done callback handed to the loop cannot be
 * taken back (future_remove_done_callback only removes the ones still
 * registered), so each coroutine here keeps what its callbacks point to
 * in a small counted block that the last of them frees: a callback never
 * runs into a dead frame.
 *
 * Your file is gather.c.  Not thread-safe: one loop, one thread.
 */
#ifndef GATHER_H
#define GATHER_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "co_err.h"
#include "co_exc.h"
#include "future.h"
#include "gen.h"
#include "loop.h"
#include "task.h"

/* An awaitable: exactly one of fut, coro is set. */
struct aw {
    struct future *fut;   /* a future or a task's &t->fut; borrowed */
    struct gen *coro;     /* a CREATED coroutine; taken by gather and wait_for */
};
#define AW_FUT(f)  ((struct aw){ .fut = (f), .coro = NULL })
#define AW_CORO(c) ((struct aw){ .fut = NULL, .coro = (c) })

/* `timeout=None`: wait for ever. */
#define WAIT_FOREVER INFINITY

/* ---------------------------------------------------------------- */
/* Step 1: gather                                                    */
/* ---------------------------------------------------------------- */

/*
 * A gather is a future (asyncio's _GatheringFuture): `fut` first, so
 * &ga->fut can be awaited.  Its result is co_ptr(ga); the results, in
 * argument order, are read with gather_result_at.
 * Invariants: child[i] != NULL for i < n; n_finished <= n_distinct <= n;
 * made[] holds the tasks gather created, each also some child[i].
 */
struct gather {
    struct future fut;        /* the outer future; keep it first */
    size_t n;                 /* the arguments */
    struct future **child;    /* child[i]: argument i's future (owned array) */
    struct task **made;       /* the tasks made from coroutines (owned) */
    size_t n_made;
    size_t n_distinct;        /* children counted once each (the same one twice: once) */
    size_t n_finished;        /* distinct children whose callback has run */
    bool return_exceptions;
    bool cancel_requested;    /* gather_cancel cancelled at least one child */
};

/*
 * gather_new - asyncio.gather(*aws, return_exceptions=...).
 * Each coroutine becomes a task on loop (created in argument order; the
 * same coroutine twice is one task); each distinct child gets one done
 * callback.  When every child is done, fut is FINISHED with co_ptr(ga)
 * (or with CancelledError if gather_cancel cancelled a child).  With
 * return_exceptions false, the first child to fail (or be cancelled)
 * fails fut at once with its exception, and the others keep running.
 * n == 0: fut is FINISHED at once (an empty list of results).
 * Returns CO_OK with *out (owned by the caller: gather_free).  Fails,
 * taking nothing, with CO_EINVAL (loop or out NULL, aws NULL with n > 0,
 * an aw with neither or both, a future of another loop), CO_ESTATE (a
 * coroutine already started), CO_ECLOSED or CO_ENOMEM.
 */
int gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
               struct gather **out);

/*
 * gather_result_at - result i (0 <= i < n) once ga->fut is done: the
 * child's result (CO_OK, *out) or its exception, CancelledError for a
 * cancelled child (GEN_RAISED, *exc).  CO_ESTATE while that child is not
 * done, CO_EINVAL for NULLs or i >= n.
 */
int gather_result_at(struct gather *ga, size_t i, struct co_value *out, struct co_exc *exc);

/*
 * gather_cancel - outer.cancel(msg) as _GatheringFuture.cancel: false if
 * fut is done; else cancel every child (task_cancel for tasks), and if
 * one of them took it, remember it (cancel_requested) and return true.
 * fut itself is finished by the children's callbacks as usual.
 * A plain future_cancel(&ga->fut) (what task_cancel does to the gather a
 * task awaits) cancels fut at once and then its children: DIFFERENCES.md.
 */
bool gather_cancel(struct gather *ga, const char *msg);

/*
 * gather_free - free ga and the tasks it made.  NULL: CO_OK.  CO_ESTATE,
 * freeing nothing, while a child it made can still run or a callback of
 * fut is queued, on an open loop.  A gather that failed and whose
 * exception nobody retrieved says so on stderr under asyncio's name for
 * it, as CPython does when it collects one:
 *     _GatheringFuture exception was never retrieved
 * (future_log_unretrieved(&ga->fut, "_GatheringFuture", NULL)).
 */
int gather_free(struct gather *ga);

/* ---------------------------------------------------------------- */
/* Step 2: wait and wait_for                                         */
/* ---------------------------------------------------------------- */

enum wait_when {
    WAIT_ALL_COMPLETED,      /* asyncio.ALL_COMPLETED */
    WAIT_FIRST_COMPLETED,    /* asyncio.FIRST_COMPLETED */
    WAIT_FIRST_EXCEPTION,    /* asyncio.FIRST_EXCEPTION */
};

/* What wait returns: done and pending, each in argument order.  The
 * caller gives both arrays, each with room for n. */
struct wait_sets {
    struct future **done, **pending;
    size_t n_done, n_pending;
};

/*
 * wait_new - `done, pending = await asyncio.wait(aws, timeout=..,
 * return_when=..)`: a coroutine, awaited with TASK_AWAIT_GEN in a task.
 * It returns (none) when the condition holds or after `timeout` seconds
 * (WAIT_FOREVER: None), having filled *sets (both arrays and both
 * counts, whatever the counts were before).  It cancels nothing.
 * Raised when awaited: ValueError "Set of Tasks/Futures is empty." (n is
 * 0); TypeError "Passing coroutines is forbidden, use tasks explicitly."
 * (an aw is a coroutine: it is not taken); RuntimeError outside a task.
 * aws and sets are borrowed until it ends.  NULL if memory ran out.
 */
struct gen *wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                     struct wait_sets *sets);

/*
 * wait_for_new - `await asyncio.wait_for(aw, timeout)`, 3.11's: a
 * coroutine returning aw's result (or raising its exception).  After
 * `timeout` seconds it cancels aw, waits until aw is done, and then
 * raises TimeoutError (from the CancelledError) -- unless aw finished
 * anyway, whose result it returns.  timeout <= 0: the same at once if aw
 * is not done.  WAIT_FOREVER: just await aw.  Cancelling the task that
 * awaits it cancels aw too.  A coroutine becomes a task of its own,
 * freed when wait_for ends.  NULL if memory ran out.
 */
struct gen *wait_for_new(struct aw aw, double timeout);

/* ---------------------------------------------------------------- */
/* Step 3: as_completed and shield                                   */
/* ---------------------------------------------------------------- */

/*
 * as_completed - `for c in asyncio.as_completed(fs, timeout=..): r =
 * await c`.  as_completed_new registers a callback on each future (and a
 * timer, unless WAIT_FOREVER); each as_completed_next is a coroutine
 * returning the result of the next future to finish, in finishing order
 * (or raising its exception), or raising TimeoutError once the timeout
 * has passed.  Call it at most n times.
 * The fields are the module's; `left` is what next has still to give.
 */
struct as_completed;
int as_completed_new(struct loop *loop, struct future *const fs[], size_t n, double timeout,
                     struct as_completed **out);
struct gen *as_completed_next(struct as_completed *ac);
size_t as_completed_left(const struct as_completed *ac);
/* Frees it (its callbacks let go of it as they run).  NULL: no-op. */
void as_completed_free(struct as_completed *ac);

/*
 * shield - asyncio.shield(inner): `outer` copies inner's outcome;
 * cancelling outer (as cancelling a task awaiting it does) leaves inner
 * running.  shield_init makes outer a PENDING future on inner's loop
 * (if inner is done already, outer gets its outcome through the loop);
 * shield_destroy releases it: CO_ESTATE while a callback between the
 * two is queued.
 */
struct shield {
    struct future outer;   /* await this; keep it first */
    struct future *inner;  /* borrowed */
};
int shield_init(struct shield *s, struct future *inner);
int shield_destroy(struct shield *s);

#endif
