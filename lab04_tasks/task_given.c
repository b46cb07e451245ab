/*
 * task_given.c - the part of lab04 you do not write: names, messages,
 * the invariant checks, and what `await fut` evaluates to.  Linked into
 * every build of the lab (your files and the reference alike).
 */
#include "future.h"
#include "task.h"

#include <stdio.h>
#include <string.h>

const char *future_state_name(enum future_state state)
{
    switch (state) {
    case FUTURE_PENDING:   return "PENDING";
    case FUTURE_CANCELLED: return "CANCELLED";
    case FUTURE_FINISHED:  return "FINISHED";
    }
    return "UNKNOWN";
}

int future_check(const struct future *fut)
{
    if (!fut || fut->magic != FUTURE_MAGIC || !fut->loop)
        return 0;
    switch (fut->state) {
    case FUTURE_PENDING:
        if (fut->outcome.kind != CO_EXC_NONE || fut->n_scheduled != 0
            || fut->log_exception)
            return 0;
        break;
    case FUTURE_CANCELLED:
        if (!co_exc_is(&fut->outcome, CO_CANCELLED_ERROR) || fut->log_exception)
            return 0;
        break;
    case FUTURE_FINISHED:
        if (fut->outcome.kind == CO_EXC_NONE)
            return 0;
        if (fut->log_exception && co_exc_is(&fut->outcome, CO_STOP_ITERATION))
            return 0;
        break;
    default:
        return 0;
    }
    if (fut->n_scheduled > fut->n_callbacks)
        return 0;
    if (fut->n_callbacks > 1 && !fut->more)
        return 0;
    return 1;
}

/* repr() of an exception as CPython prints it in these messages:
 * ValueError('boom'), or ValueError() without a message. */
static const char *exc_repr(const struct co_exc *e, char *buf, size_t n)
{
    snprintf(buf, n, "%s('%s')", co_exc_kind_name(e->kind), co_exc_msg(e));
    if (!co_exc_msg(e)[0])
        snprintf(buf, n, "%s()", co_exc_kind_name(e->kind));
    return buf;
}

void future_log_unretrieved(struct future *fut, const char *what,
                            const char *detail)
{
    char repr[CO_EXC_MSG_MAX + 48];

    if (!fut || !fut->log_exception)
        return;
    fut->log_exception = false;
    fprintf(stderr, "%s exception was never retrieved\n"
            "future: <%s finished %s%sexception=%s>\n",
            what, what, detail ? detail : "", detail ? " " : "",
            exc_repr(&fut->outcome, repr, sizeof repr));
}

int future_await_result_(struct future *fut, struct co_value *out,
                         struct co_exc *exc)
{
    int r;

    if (!future_done(fut)) {
        /* Resumed although the future is not done: somebody sent into
         * the coroutine who was not its task. */
        *exc = co_exc_make(CO_RUNTIME_ERROR, "await wasn't used with future");
        return GEN_RAISED;
    }
    r = future_result(fut, out, exc);
    if (r == CO_OK || r == GEN_RAISED)
        return r;
    if (r == CO_ENOSYS)
        *exc = co_exc_make(CO_RUNTIME_ERROR,
                           "await: future_result is not implemented (future.c TODO)");
    else
        *exc = co_exc_make(CO_RUNTIME_ERROR, "await: future_result returned %s",
                           co_errname(r));
    return GEN_RAISED;
}

const char *task_name(const struct task *t, char *buf, size_t n)
{
    if (t->name)
        return t->name;
    snprintf(buf, n, "Task-%u", (unsigned)t->id);
    return buf;
}

int task_check(const struct task *t)
{
    if (!t || !future_check(&t->fut) || !t->fut.is_task || !t->coro)
        return 0;
    if (t->awaiting && future_done(&t->fut))
        return 0;
    if (future_done(&t->fut) && t->must_cancel)
        return 0;
    if (!future_done(&t->fut) && !t->must_cancel && t->fut.outcome.msg)
        return 0;                /* a cancel message with no cancel to deliver */
    if (future_done(&t->fut) && gen_state(t->coro) != GEN_CLOSED
        && !loop_is_closed(t->fut.loop))
        return 0;
    if (t->prev && t->prev->next != t)
        return 0;
    if (t->next && t->next->prev != t)
        return 0;
    return 1;
}
