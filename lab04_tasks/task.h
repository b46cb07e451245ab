/*
 * task - a future that drives a coroutine (asyncio.Task).
 *
 * A coroutine here is a lab01 generator whose body awaits: it yields a
 * future it wants to wait for (TASK_AWAIT), or delegates to another
 * coroutine with lab02's yield from (TASK_AWAIT_GEN).  A task is what
 * resumes it.  Each *step* of a task is one resume of its coroutine,
 * run by the loop (lab03):
 *
 *   - task_create queues the first step with loop_call_soon;
 *   - the coroutine yields a future: the task adds its own wake-up as a
 *     done callback of that future and waits; when the future is done,
 *     the wake-up (run by the loop) runs the next step, which sends the
 *     coroutine none (the macro then reads the future's result) or throws
 *     the future's exception in;
 *   - the coroutine yields none (a bare `yield`, asyncio.sleep(0)): the
 *     next step is queued with loop_call_soon;
 *   - the coroutine returns v: the task (a future) is FINISHED with v;
 *     an exception escapes: FINISHED with that exception; CancelledError
 *     escapes: CANCELLED.
 *
 *     async def nested():                  static enum gen_step nested_body(struct gen *g, void *frame)
 *         await asyncio.sleep(1)           {
 *         return 42                            struct nested_frame *f = frame;
 *                                              GEN_BEGIN(g);
 *     async def main():                        TASK_AWAIT_GEN(g, task_sleep(1.0, co_none()), f->r);
 *         t = asyncio.create_task(nested())    GEN_RETURN(g, co_int(42));
 *         print(await t)                       GEN_END(g);
 *                                          }
 *                                          ...
 *                                          task_create(loop, gen_new("nested", nested_body,
 *                                                      sizeof(struct nested_frame)), NULL, &f->t);
 *                                          TASK_AWAIT(g, &f->t->fut, f->r);
 *
 * A task is a future: struct task begins with its struct future, so
 * &t->fut can be awaited, given done callbacks, asked for its result,
 * like any future.  A task runs whether or not anyone awaits it.
 *
 * Cancellation, exactly as asyncio (Task.cancel):
 *   - cancelling a done task does nothing and gives false;
 *   - cancelling a task that waits for a future cancels that future (its
 *     wake-up then throws CancelledError into the coroutine);
 *   - otherwise CancelledError (with the message) is thrown into the
 *     coroutine at its next step;
 *   - the coroutine may catch it: if it then returns, the task is
 *     FINISHED, not CANCELLED (cancellation is a request);
 *   - every successful cancel counts one request (task_cancelling);
 *     task_uncancel takes one back.
 * CancelledError derives from BaseException, not Exception (as since
 * Python 3.8): `co_exc_matches(&e, CO_EXCEPTION)` is false for it, so a
 * coroutine that handles "any error" does not swallow a cancellation.
 *
 * Where a task's bytes go (x86-64; the handout's "Where a task's bytes
 * go" has every field).  One task is two malloc blocks:
 *     struct task, its future included      136   (below; future.h)
 *     struct gen (lab01) and its frame      112 + the frame (here 16:
 *                                                 a co_value result)
 *   = 264 bytes of structs; with malloc's 8-byte header and its rounding
 *   to 16, 144 + 144 = 288 bytes.  CPython: about 800 for a task
 *   suspended on a future (the Task object, the coroutine, its frame).
 *   What a task holds besides: its entry in the done-callback list of
 *   the future it awaits (16), and while its next step is queued a loop
 *   handle (56, a 64-byte block) and a ready-queue slot (8, or 16 while
 *   the ring doubles); a task in
 *   asyncio.sleep(0) has sleep's own coroutine too (128), one in
 *   sleep(d > 0) that coroutine with a future and a timer.
 *
 * Ownership.  Whoever creates a task owns it and frees it (task_free),
 * which also frees its coroutine; a task cannot be freed while it can
 * still run (unfinished, on an open loop).  task_run (asyncio.run) frees
 * every task still alive on its loop when it ends.
 *
 * Your file is task.c.  The macros, task_name and task_check are given
 * (task_given.c).  Cancel a task with task_cancel, never with
 * future_cancel(&t->fut): that would skip the coroutine's say in it.  Not thread-safe: one loop, one thread.
 */
#ifndef TASK_H
#define TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"
#include "future.h"
#include "gen.h"
#include "loop.h"
#include "yieldfrom.h"

/* Why a step must throw a RuntimeError into the coroutine (asyncio
 * schedules `__step(RuntimeError(...))`; the message is made when the
 * step runs, from what the coroutine yielded, which is still g->value). */
enum task_throw {
    TASK_THROW_NOTHING,       /* a normal step */
    TASK_THROW_BAD_YIELD,     /* "Task got bad yield: 42" */
    TASK_THROW_NOT_BLOCKING,  /* a future yielded without TASK_AWAIT: "yield was
                                 used instead of yield from in task ..." */
    TASK_THROW_OTHER_LOOP,    /* "Task ... got Future ... attached to a different loop" */
    TASK_THROW_ITSELF,        /* "Task cannot await on itself: ..." */
};

/*
 * A task.  Storage is the module's (task_create / task_free); the fields
 * are public so that you and the shell's playground can see the
 * mechanism (task_all lists a loop's tasks, `awaiting` says what each
 * waits for); only task.c writes them.
 * Invariants (checked by task_check):
 *   - fut is a valid future with fut.is_task set;
 *   - awaiting != NULL only while fut is PENDING, and then the task's
 *     wake-up is one of awaiting's done callbacks (or already queued);
 *   - a done task has coro CLOSED (or the loop was closed under it) and
 *     must_cancel false;
 *   - while PENDING, fut.outcome.kind is CO_EXC_NONE; its msg is the
 *     message of a cancellation still to be thrown in (must_cancel), else
 *     NULL;
 *   - the task is on the list of all tasks (prev/next) from task_create
 *     to task_free.
 */
struct task {
    struct future fut;           /* the task IS a future: keep it first */
    struct gen *coro;            /* the coroutine it drives; owned */
    struct future *awaiting;     /* the future it waits for right now, or NULL
                                    (asyncio's _fut_waiter); borrowed */
    const char *name;            /* set by task_create / task_set_name; borrowed;
                                    NULL: "Task-<id>" */
    struct task *prev, *next;    /* the list of all live tasks (task_all) */
    uint32_t id;                 /* 1, 2, 3, ... in creation order, over all loops */
    uint16_t cancels;            /* cancellation requests (task_cancelling) */
    uint8_t throw_in;            /* enum task_throw: for the next step */
    bool must_cancel : 1;        /* throw CancelledError in at the next step; its
                                    message (interned, or NULL) waits in
                                    fut.outcome.msg, which is otherwise unused
                                    while the task is pending */
    bool stepping : 1;           /* its coroutine runs right now */
};

/* ---------------------------------------------------------------- */
/* Awaiting, inside a coroutine's body (given: the macros)          */
/* ---------------------------------------------------------------- */

/*
 * `out = await fut` in a body.  fut is any expression giving a struct
 * future * that is still valid after the resume (it is evaluated again
 * then: a frame field, or &f->t->fut); out is a struct co_value lvalue,
 * best a frame field.
 *
 *   - fut already done: no suspension at all; out = its result, or its
 *     exception is raised right here;
 *   - else fut->blocking = true and the body yields co_ptr(fut) to the
 *     task, which waits for it (Future.__await__: `yield self`); when the
 *     task resumes the body, out = fut's result, or the exception the
 *     task threw in (fut's exception, or CancelledError) is raised here.
 * An exception raised here leaves the body, as an uncaught exception.
 */
#define TASK_AWAIT(g, fut, out)                                        \
    do {                                                               \
        if (!future_done(fut)) {                                       \
            (fut)->blocking = true;                                    \
            GEN_YIELD((g), co_ptr(fut));     /* the task waits */      \
        }                                                              \
        if (future_await_result_((fut), &(out), &(g)->exc) != CO_OK)   \
            return GEN_STEP_RAISE;           /* fut raised */          \
    } while (0)

/*
 * The same, but whatever is raised at the await is caught into `caught`
 * (a struct co_exc lvalue, best a frame field; kind CO_EXC_NONE when fut
 * gave a result, which is then in out).  Python:
 *     try:
 *         out = await fut
 *     except BaseException as caught: ...
 * It catches CancelledError too: re-raise (GEN_RERAISE) what you do not
 * handle; co_exc_matches(&caught, CO_EXCEPTION) is `except Exception`.
 */
#define TASK_TRY_AWAIT(g, fut, out, caught)                            \
    do {                                                               \
        (caught).kind = CO_EXC_NONE;                                   \
        if (!future_done(fut)) {                                       \
            (fut)->blocking = true;                                    \
            GEN_TRY_YIELD((g), co_ptr(fut), (caught));                 \
        }                                                              \
        if ((caught).kind == CO_EXC_NONE)                              \
            future_await_result_((fut), &(out), &(caught));            \
    } while (0)

/* `out = await coro()`: lab02's delegation, nothing more.  sub is a
 * struct gen * (a coroutine), owned by g from then on. */
#define TASK_AWAIT_GEN(g, sub, out) GEN_YIELD_FROM((g), (sub), (out))

/* The same, catching what comes out of it (see GEN_TRY_YIELD_FROM). */
#define TASK_TRY_AWAIT_GEN(g, sub, out, caught) \
    GEN_TRY_YIELD_FROM((g), (sub), (out), (caught))

/* ---------------------------------------------------------------- */
/* Step 3: creating a task, and its steps                            */
/* ---------------------------------------------------------------- */

/*
 * task_create - wrap coroutine `coro` in a task on `loop`
 * (asyncio.create_task(coro, name=name)) and queue its first step with
 * loop_call_soon: nothing of coro runs before the loop's next iteration.
 * The task is PENDING, takes coro (task_free frees it), gets the next id
 * and joins the list of all tasks.  name is borrowed (a literal, or a
 * string that outlives the task); NULL means "Task-<id>".
 *
 * Returns CO_OK with *out = the task, owned by the caller.  Fails,
 * taking nothing and leaving *out alone, with CO_EINVAL (loop, coro or
 * out NULL), CO_ESTATE (coro is not CREATED: a coroutine runs in one
 * task, once), CO_ECLOSED (the loop is closed) or CO_ENOMEM.
 */
int task_create(struct loop *loop, struct gen *coro, const char *name,
                struct task **out);

/*
 * task_free - free t and its coroutine (gen_free).  If t failed and
 * nobody retrieved its exception, CPython's message goes to stderr
 * first:
 *     Task exception was never retrieved
 *     future: <Task finished name='Task-1' coro=<bad() done> exception=ValueError('boom')>
 * NULL is a no-op returning CO_OK.  Fails with CO_ESTATE, freeing
 * nothing, while t can still run or be called back: t unfinished, or
 * callbacks of t still queued, on an open loop; or while t's own step
 * runs (a coroutine freeing its own task).  Free tasks before
 * loop_destroy (after loop_close they may be unfinished: gen_free then
 * closes their coroutines).
 */
int task_free(struct task *t);

/* The task's future, and its state (the future's). */
static inline struct future *task_future(struct task *t)
{
    return &t->fut;
}

/* The task whose future fut is, or NULL for a plain future. */
static inline struct task *task_of_future(struct future *fut)
{
    return fut && fut->is_task ? (struct task *)fut : NULL;
}

/* The future t waits for right now (NULL: its next step is queued, it
 * runs, or it is done).  A task waiting for a task waits for &other->fut:
 * task_of_future tells. */
struct future *task_awaiting(const struct task *t);

/* ---------------------------------------------------------------- */
/* Step 4: cancellation                                              */
/* ---------------------------------------------------------------- */

/*
 * task_cancel - t.cancel(msg), see the top of this file.  Returns false
 * if t is done; else counts a request (task_cancelling) and returns
 * true: either the future t waits for has been cancelled, or
 * CancelledError(msg) will be thrown in at t's next step.  msg may be
 * NULL (the text is copied).  Also counts t's exception as retrieved, as
 * asyncio does.  NULL gives false.
 */
bool task_cancel(struct task *t, const char *msg);

/* t.cancelling(): the number of cancellation requests not taken back. */
unsigned task_cancelling(const struct task *t);

/* t.uncancel(): take one request back (never below 0); returns how many
 * are left. */
unsigned task_uncancel(struct task *t);

/* ---------------------------------------------------------------- */
/* Step 5: the running task, all tasks, names, sleep                 */
/* ---------------------------------------------------------------- */

/* asyncio.current_task(loop): the task whose step runs on loop right now,
 * or NULL (outside any step). */
struct task *task_current(const struct loop *loop);

/* asyncio.get_running_loop(), without raising: the loop of the task whose
 * step runs right now (the innermost one, if a step runs another loop),
 * or NULL outside any step.  task_sleep finds its loop this way. */
struct loop *task_running_loop(void);

/*
 * task_all - asyncio.all_tasks(loop): the tasks of loop that are not
 * done, in creation order.  Stores up to max of them in out (out may be
 * NULL when max is 0) and returns how many there are in all.
 */
size_t task_all(const struct loop *loop, struct task **out, size_t max);

/* t.get_name(): t->name, or "Task-<id>" written into buf (size n).
 * Returns the name (t->name itself, or buf).  Given. */
const char *task_name(const struct task *t, char *buf, size_t n);

/* t.set_name(name): name is borrowed; NULL goes back to "Task-<id>". */
void task_set_name(struct task *t, const char *name);

/*
 * task_sleep - asyncio.sleep(delay, result): a new coroutine that, awaited
 * in a task (TASK_AWAIT_GEN), waits `delay` seconds on the loop of the
 * task that runs it and then returns `result`.  It makes a future in its
 * own frame, schedules its result with loop_call_later, and awaits it; if
 * the await raises (the task was cancelled), it cancels the timer and
 * re-raises.  delay <= 0 (or NaN) is asyncio's sleep(0): one bare yield,
 * no future, no timer.  Run outside a task step, it raises RuntimeError
 * "no running event loop".
 * Returns the coroutine (owned by whoever delegates to it), or NULL if
 * memory ran out (yield from NULL raises TypeError).
 */
struct gen *task_sleep(double delay, struct co_value result);

/* ---------------------------------------------------------------- */
/* Step 6: running a loop until a future is done                     */
/* ---------------------------------------------------------------- */

/*
 * task_run_until_complete - loop.run_until_complete(fut): run the loop
 * until fut is done, then return what fut gives:
 *   CO_OK       *out = fut's result;
 *   GEN_RAISED  *exc = fut's exception (retrieved), or CancelledError;
 *               also RuntimeError "Event loop stopped before Future
 *               completed." when the loop stops (loop_stop) or runs out
 *               of work (run_forever's CO_EDONE) before fut is done.
 * It adds a done callback to fut that stops the loop, and removes it
 * again at the end.  Fails, running nothing, with CO_EINVAL (NULL
 * argument, or fut belongs to another loop), CO_ECLOSED, or CO_ESTATE
 * when the loop is already running (*exc = RuntimeError "This event loop
 * is already running").
 */
int task_run_until_complete(struct loop *loop, struct future *fut,
                            struct co_value *out, struct co_exc *exc);

/*
 * task_run - asyncio.run(main): a fresh loop on `clock`, main wrapped in
 * a task and run until it is done; then every task still unfinished on
 * that loop is cancelled and the loop runs until they are all done; then
 * the loop is closed, every task still alive on it is freed (main's
 * task, and any its coroutines did not free), and the loop destroyed.
 * Returns as task_run_until_complete for main's task (CO_OK with *out,
 * or GEN_RAISED with *exc).  Takes main in every case.  Fails with
 * CO_EINVAL (main, out or exc NULL), CO_ESTATE (called inside a running
 * loop's step: *exc = RuntimeError "asyncio.run() cannot be called from
 * a running event loop") or CO_ENOMEM.
 */
int task_run(struct gen *main, enum loop_clock clock, struct co_value *out,
             struct co_exc *exc);

/* task_check - 1 if t's invariants (above struct task) hold, else 0.
 * Given. */
int task_check(const struct task *t);

/* The number of tasks alive (created and not freed), over all loops: for
 * tests that check nothing is left behind. */
size_t task_alive(void);

#endif
