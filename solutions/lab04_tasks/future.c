/*
 * future.c - reference solution of lab04, part 1: futures.
 *
 * A future is a state, an outcome and a list of done callbacks.  Being
 * done hands the list to the loop: one loop_call_soon per callback, each
 * of which runs the next callback of the list (future.h says why that is
 * the list's order).  Nothing here ever calls a callback itself.
 */
#include "future.h"

#include <stdlib.h>
#include <string.h>

/* ---- Step 1: state, result, exception ---------------------------- */

int future_init(struct future *fut, struct loop *loop)
{
    if (!fut || !loop)
        return CO_EINVAL;
    *fut = (struct future){ .magic = FUTURE_MAGIC, .state = FUTURE_PENDING,
                            .loop = loop };
    return CO_OK;
}

int future_destroy(struct future *fut)
{
    if (!fut)
        return CO_OK;
    if (fut->n_scheduled > 0 && !loop_is_closed(fut->loop))
        return CO_ESTATE;            /* the loop would call back a dead future */
    future_log_unretrieved(fut, "Future", NULL);
    free(fut->more);
    fut->more = NULL;
    fut->n_callbacks = fut->n_scheduled = 0;
    fut->magic = 0;
    return CO_OK;
}

struct future *future_new(struct loop *loop)
{
    struct future *fut;

    if (!loop || !(fut = malloc(sizeof *fut)))
        return NULL;
    future_init(fut, loop);
    return fut;
}

int future_free(struct future *fut)
{
    int r = future_destroy(fut);

    if (r == CO_OK)
        free(fut);
    return r;
}

enum future_state future_state(const struct future *fut)
{
    return (enum future_state)fut->state;
}

bool future_done(const struct future *fut)
{
    return fut->state != FUTURE_PENDING;
}

bool future_cancelled(const struct future *fut)
{
    return fut->state == FUTURE_CANCELLED;
}

struct loop *future_loop(const struct future *fut)
{
    return fut->loop;
}

/* ---- the callback list: first, then more[] ------------------------ */

static struct future_callback *callback_at(struct future *fut, uint32_t i)
{
    return i == 0 ? &fut->first : &fut->more[i - 1];
}

/* Append (fn, arg).  more[] holds n_callbacks - 1 entries in a block of
 * the next power of two: full exactly when that count is 0 or a power of
 * two, and then it doubles. */
static int callback_append(struct future *fut, future_done_fn *fn, void *arg)
{
    uint32_t extra = fut->n_callbacks ? fut->n_callbacks - 1 : 0;

    if (fut->n_callbacks >= 1 && (extra & (extra - 1)) == 0) {
        size_t cap = extra ? 2 * (size_t)extra : 1;
        struct future_callback *more = realloc(fut->more, cap * sizeof *more);
        if (!more)
            return CO_ENOMEM;
        fut->more = more;
    }
    *callback_at(fut, fut->n_callbacks++) = (struct future_callback){ fn, arg };
    return CO_OK;
}

/* What each call_soon of a done future runs: the next callback. */
static void run_next_callback(struct loop *loop, void *arg)
{
    struct future *fut = arg;
    struct future_callback cb =
        *callback_at(fut, fut->n_callbacks - fut->n_scheduled);

    (void)loop;
    /* Book-keeping first: the callback may free the future. */
    if (--fut->n_scheduled == 0)
        fut->n_callbacks = 0;
    cb.fn(fut, cb.arg);           /* control goes to the callback */
}

/* The future has just become done: hand every callback to the loop. */
static int schedule_callbacks(struct future *fut)
{
    fut->n_scheduled = 0;
    for (uint32_t i = 0; i < fut->n_callbacks; i++) {
        if (loop_call_soon(fut->loop, run_next_callback, fut, NULL) != CO_OK) {
            fut->n_callbacks = i;    /* the rest are dropped */
            if (i == 0)
                fut->n_callbacks = 0;
            return CO_ENOMEM;
        }
        fut->n_scheduled++;
    }
    return CO_OK;
}

/* What set_result and set_exception refuse alike. */
static int refuse_finish(struct future *fut, struct co_exc *exc)
{
    if (future_done(fut)) {
        if (exc)
            *exc = co_exc_make(CO_INVALID_STATE_ERROR, "invalid state");
        return CO_ESTATE;
    }
    if (fut->n_callbacks > 0 && loop_is_closed(fut->loop))
        return CO_ECLOSED;
    return CO_OK;
}

int future_set_result(struct future *fut, struct co_value result,
                      struct co_exc *exc)
{
    int r;

    if (!fut)
        return CO_EINVAL;
    if ((r = refuse_finish(fut, exc)) != CO_OK)
        return r;
    co_exc_set_stop(&fut->outcome, result);
    fut->state = FUTURE_FINISHED;
    return schedule_callbacks(fut);
}

int future_set_exception(struct future *fut, const struct co_exc *e,
                         struct co_exc *exc)
{
    int r;

    if (!fut || !e || e->kind == CO_EXC_NONE)
        return CO_EINVAL;
    if (co_exc_matches(e, CO_STOP_ITERATION)) {
        if (exc)
            *exc = co_exc_make(CO_TYPE_ERROR, "StopIteration interacts badly with "
                               "generators and cannot be raised into a Future");
        return CO_EINVAL;
    }
    if ((r = refuse_finish(fut, exc)) != CO_OK)
        return r;
    fut->outcome = *e;
    fut->state = FUTURE_FINISHED;
    fut->log_exception = true;       /* until somebody looks at it */
    return schedule_callbacks(fut);
}

int future_result(struct future *fut, struct co_value *out, struct co_exc *exc)
{
    if (!fut || !out || !exc)
        return CO_EINVAL;
    switch (fut->state) {
    case FUTURE_PENDING:
        *exc = co_exc_make(CO_INVALID_STATE_ERROR, "Result is not ready.");
        return CO_ESTATE;
    case FUTURE_CANCELLED:
        *exc = fut->outcome;         /* CancelledError(msg) */
        return GEN_RAISED;
    default:
        fut->log_exception = false;
        if (co_exc_is(&fut->outcome, CO_STOP_ITERATION)) {
            *out = fut->outcome.value;
            return CO_OK;
        }
        *exc = fut->outcome;
        return GEN_RAISED;
    }
}

int future_exception(struct future *fut, struct co_exc *exc)
{
    if (!fut || !exc)
        return CO_EINVAL;
    switch (fut->state) {
    case FUTURE_PENDING:
        *exc = co_exc_make(CO_INVALID_STATE_ERROR, "Exception is not set.");
        return CO_ESTATE;
    case FUTURE_CANCELLED:
        *exc = fut->outcome;
        return GEN_RAISED;
    default:
        fut->log_exception = false;
        if (co_exc_is(&fut->outcome, CO_STOP_ITERATION))
            *exc = (struct co_exc){ .kind = CO_EXC_NONE, .msg = "" };
        else
            *exc = fut->outcome;
        return CO_OK;
    }
}

/* ---- Step 2: cancellation and done callbacks ----------------------- */

bool future_cancel(struct future *fut, const char *msg)
{
    if (!fut)
        return false;
    fut->log_exception = false;
    if (future_done(fut))
        return false;
    fut->outcome = co_exc_make(CO_CANCELLED_ERROR, msg ? "%s" : NULL, msg);
    fut->state = FUTURE_CANCELLED;
    if (loop_is_closed(fut->loop))
        fut->n_callbacks = 0;        /* nobody will ever call them */
    else
        schedule_callbacks(fut);
    return true;
}

int future_add_done_callback(struct future *fut, future_done_fn *fn, void *arg)
{
    int r;

    if (!fut || !fn)
        return CO_EINVAL;
    if (!future_done(fut))
        return callback_append(fut, fn, arg);
    /* Already done: it goes to the loop at once, after the others. */
    if (loop_is_closed(fut->loop))
        return CO_ECLOSED;
    if ((r = callback_append(fut, fn, arg)) != CO_OK)
        return r;
    if (loop_call_soon(fut->loop, run_next_callback, fut, NULL) != CO_OK) {
        fut->n_callbacks--;
        return CO_ENOMEM;
    }
    fut->n_scheduled++;
    return CO_OK;
}

int future_remove_done_callback(struct future *fut, future_done_fn *fn, void *arg)
{
    uint32_t kept = 0;

    if (!fut || !fn)
        return CO_EINVAL;
    if (future_done(fut))
        return 0;                    /* they belong to the loop now */
    for (uint32_t i = 0; i < fut->n_callbacks; i++) {
        struct future_callback cb = *callback_at(fut, i);
        if (cb.fn == fn && cb.arg == arg)
            continue;
        *callback_at(fut, kept++) = cb;
    }
    {
        int removed = (int)(fut->n_callbacks - kept);
        fut->n_callbacks = kept;
        return removed;
    }
}
