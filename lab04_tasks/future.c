/*
 * future.c - your part of lab04, part 1: futures.
 *
 * future.h is the contract: read it first (the states, "What is stored",
 * and how callbacks are handed to the loop).  Every function below
 * compiles as given and fails its tests cleanly until you write it.
 */
#include "future.h"

#include <stdlib.h>
#include <string.h>

/* ---- Step 1: state, result, exception ---------------------------- */

int future_init(struct future *fut, struct loop *loop)
{
    (void)fut;
    (void)loop;
    /* LAB 4.1: refuse NULLs; otherwise make *fut a PENDING future of loop:
     * magic FUTURE_MAGIC, no outcome, no callbacks.  Allocate nothing.
     * Checked by check_future.c (every test starts with it). */
    return CO_ENOSYS;
}

int future_destroy(struct future *fut)
{
    (void)fut;
    /* LAB 4.1: NULL is fine.  Refuse (CO_ESTATE) while callbacks are
     * queued on an open loop (n_scheduled); else report an unretrieved
     * exception (future_log_unretrieved(fut, "Future", NULL)), free the
     * callback array, clear magic.  Checked by check_future.c
     * "unretrieved" and check_callbacks.c "cannot be destroyed". */
    return CO_ENOSYS;
}

struct future *future_new(struct loop *loop)
{
    (void)loop;
    /* LAB 4.1: malloc a future and future_init it; NULL if loop is NULL.
     * Checked by check_future.c "heap". */
    return NULL;
}

int future_free(struct future *fut)
{
    (void)fut;
    /* LAB 4.1: future_destroy, then free (not if the destroy failed). */
    return CO_ENOSYS;
}

enum future_state future_state(const struct future *fut)
{
    /* LAB 4.1: the state field, as an enum future_state.  (Given as it
     * is: nothing to write here.) */
    return (enum future_state)fut->state;
}

bool future_done(const struct future *fut)
{
    (void)fut;
    /* LAB 4.1: done means "not PENDING".  Checked by check_future.c. */
    return false;
}

bool future_cancelled(const struct future *fut)
{
    (void)fut;
    /* LAB 4.1: CANCELLED.  Checked by check_callbacks.c "cancel". */
    return false;
}

struct loop *future_loop(const struct future *fut)
{
    (void)fut;
    /* LAB 4.1: the future's loop.  Checked by check_future.c "PENDING". */
    return NULL;
}

int future_set_result(struct future *fut, struct co_value result,
                      struct co_exc *exc)
{
    (void)fut;
    (void)result;
    (void)exc;
    /* LAB 4.1: refuse a done future (CO_ESTATE, *exc = InvalidStateError
     * "invalid state" when exc is not NULL) and a closed loop when there
     * are callbacks (CO_ECLOSED); else outcome = StopIteration(result),
     * FINISHED, and hand every callback to the loop: one loop_call_soon
     * each (see future.h; that part is Step 2, so at first there are
     * none).  Checked by check_future.c "set_result". */
    return CO_ENOSYS;
}

int future_set_exception(struct future *fut, const struct co_exc *e,
                         struct co_exc *exc)
{
    (void)fut;
    (void)e;
    (void)exc;
    /* LAB 4.1: as set_result, with outcome = *e and log_exception set;
     * refuse NULL or none (CO_EINVAL) and StopIteration (CO_EINVAL,
     * *exc = TypeError).  Checked by check_future.c "set_exception". */
    return CO_ENOSYS;
}

int future_result(struct future *fut, struct co_value *out, struct co_exc *exc)
{
    (void)fut;
    (void)out;
    (void)exc;
    /* LAB 4.1: PENDING: CO_ESTATE, InvalidStateError "Result is not
     * ready."; CANCELLED: GEN_RAISED with the CancelledError; FINISHED:
     * the result (CO_OK) or the exception (GEN_RAISED), and the exception
     * counts as retrieved.  Checked by check_future.c. */
    return CO_ENOSYS;
}

int future_exception(struct future *fut, struct co_exc *exc)
{
    (void)fut;
    (void)exc;
    /* LAB 4.1: as future_result, but a FINISHED future gives CO_OK and
     * its exception, or none when it has a result; "Exception is not
     * set." while PENDING.  Checked by check_future.c "exception". */
    return CO_ENOSYS;
}

/* ---- Step 2: cancellation and done callbacks ----------------------- */

bool future_cancel(struct future *fut, const char *msg)
{
    (void)fut;
    (void)msg;
    /* LAB 4.2: a PENDING future becomes CANCELLED with outcome
     * CancelledError(msg) and hands its callbacks to the loop: true.  A
     * done one: false.  Either way its exception counts as retrieved.
     * Checked by check_callbacks.c "cancel". */
    return false;
}

int future_add_done_callback(struct future *fut, future_done_fn *fn, void *arg)
{
    (void)fut;
    (void)fn;
    (void)arg;
    /* LAB 4.2: PENDING: append (fn, arg) to the list (first, then more[],
     * growing more[] by doubling).  Done: append it and queue it on the
     * loop at once with loop_call_soon (never call it here).  The loop
     * callback you queue runs the next callback of the list: entry
     * n_callbacks - n_scheduled (future.h).  Checked by
     * check_callbacks.c. */
    return CO_ENOSYS;
}

int future_remove_done_callback(struct future *fut, future_done_fn *fn, void *arg)
{
    (void)fut;
    (void)fn;
    (void)arg;
    /* LAB 4.2: remove every (fn, arg) from the list of a PENDING future,
     * keeping the order of the others; return how many.  0 once done.
     * Checked by check_callbacks.c "remove". */
    return CO_ENOSYS;
}
