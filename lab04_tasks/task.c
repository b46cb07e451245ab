/*
 * task.c - your part of lab04, part 2: tasks.
 *
 * task.h is the contract: read it first (a step, cancellation, the
 * invariants above struct task).  Every function below compiles as given
 * and fails its tests cleanly until you write it.  You will want a few
 * static helpers of your own: the step itself (resume the coroutine once
 * and look at what came out), the loop callback that runs it, and the
 * wake-up, a future_done_fn that runs the step once the awaited future
 * is done.
 */
#include "task.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Step 3: creating a task, and its steps ------------------------ */

int task_create(struct loop *loop, struct gen *coro, const char *name,
                struct task **out)
{
    (void)loop;
    (void)coro;
    (void)name;
    (void)out;
    /* LAB 4.3: refuse NULLs (CO_EINVAL), a coroutine that is not CREATED
     * (CO_ESTATE) and a closed loop (CO_ECLOSED).  Allocate the task
     * (nothing else), future_init its future and set is_task, take coro,
     * queue the first step with loop_call_soon, give it the next id and
     * put it on your list of all tasks.  The step: gen_send (or gen_throw
     * when something must be thrown in), then: a yielded future (magic,
     * same loop, blocking set, not the task's own) gets your wake-up as a
     * done callback and becomes t->awaiting; a bare yield queues the next
     * step; anything else throws RuntimeError "Task got bad yield: ..." in
     * at the next step (throw_in); StopIteration finishes the task with
     * its value, another exception with that exception.  Checked by
     * check_task.c. */
    return CO_ENOSYS;
}

int task_free(struct task *t)
{
    (void)t;
    /* LAB 4.3: NULL is fine.  Refuse (CO_ESTATE) a task that can still
     * run on an open loop (unfinished, or callbacks of its future still
     * queued) or whose step runs right now.  Else report an unretrieved
     * exception (future_log_unretrieved(&t->fut, "Task", detail)), take
     * it off the list, gen_free its coroutine, future_destroy its future,
     * free it.  Checked by check_task.c "never retrieved", "refuses". */
    return CO_ENOSYS;
}

struct future *task_awaiting(const struct task *t)
{
    (void)t;
    /* LAB 4.3: the future t waits for, or NULL.  Checked by check_task.c. */
    return NULL;
}

size_t task_alive(void)
{
    /* LAB 4.3: tasks created and not yet freed.  Checked by check_task.c
     * "coroutine" and check_sleep.c "100000". */
    return (size_t)-1;
}

/* ---- Step 4: cancellation ------------------------------------------ */

bool task_cancel(struct task *t, const char *msg)
{
    (void)t;
    (void)msg;
    /* LAB 4.4: asyncio's Task.cancel (task.h): done: false.  Else count
     * the request; cancel what t awaits if that works (a task through
     * task_cancel); otherwise set must_cancel and keep msg (interned, in
     * t->fut.outcome.msg: see struct task), so that the next step throws
     * CancelledError(msg) in.  Checked by check_cancel.c. */
    return false;
}

unsigned task_cancelling(const struct task *t)
{
    (void)t;
    /* LAB 4.4: the number of requests.  Checked by check_cancel.c. */
    return 99;
}

unsigned task_uncancel(struct task *t)
{
    (void)t;
    /* LAB 4.4: one request fewer, never below 0.  Checked by check_cancel.c. */
    return 99;
}

/* ---- Step 5: the running task, all tasks, names, sleep ------------- */

struct task *task_current(const struct loop *loop)
{
    (void)loop;
    /* LAB 4.5: the task whose step runs on loop right now: keep a small
     * stack of running tasks around each step.  Checked by check_sleep.c
     * "current". */
    return NULL;
}

struct loop *task_running_loop(void)
{
    /* LAB 4.5: the loop of the innermost running step, or NULL. */
    return NULL;
}

size_t task_all(const struct loop *loop, struct task **out, size_t max)
{
    (void)loop;
    (void)out;
    (void)max;
    /* LAB 4.5: the unfinished tasks of loop, in creation order.  Checked
     * by check_sleep.c "all_tasks". */
    return (size_t)-1;
}

void task_set_name(struct task *t, const char *name)
{
    (void)t;
    (void)name;
    /* LAB 4.5: borrow the name.  Checked by check_sleep.c "names". */
}

struct gen *task_sleep(double delay, struct co_value result)
{
    (void)delay;
    (void)result;
    /* LAB 4.5: a coroutine (gen_new with a frame of your own) that finds
     * its loop with task_running_loop, makes a future in its frame, sets
     * it with loop_call_later, awaits it (TASK_TRY_AWAIT), cancels the
     * timer if the await raised, and returns result; delay <= 0 is one
     * bare yield.  Checked by check_sleep.c. */
    return NULL;
}

/* ---- Step 6: running a loop until a future is done ----------------- */

int task_run_until_complete(struct loop *loop, struct future *fut,
                            struct co_value *out, struct co_exc *exc)
{
    (void)loop;
    (void)fut;
    (void)out;
    (void)exc;
    /* LAB 4.6: refuse a running loop (CO_ESTATE, RuntimeError "This event
     * loop is already running"); add a done callback that stops the loop,
     * loop_run_forever, remove it, then fut's result (RuntimeError "Event
     * loop stopped before Future completed." if it is not done).  Checked
     * by check_run.c. */
    return CO_ENOSYS;
}

int task_run(struct gen *main, enum loop_clock clock, struct co_value *out,
             struct co_exc *exc)
{
    (void)clock;
    (void)out;
    (void)exc;
    /* LAB 4.6: asyncio.run (task.h): a fresh loop, main's task run until
     * complete, the other tasks cancelled and run to their end, the loop
     * closed, its tasks freed, the loop destroyed.  Checked by
     * check_run.c "run". */
    gen_free(main);
    return CO_ENOSYS;
}
