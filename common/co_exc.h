/*
 * co_exc - an exception, as a plain value.
 *
 * Python raises exceptions up the stack; C cannot.  In the labs an
 * exception is a small struct that a coroutine body fills in and hands
 * back to whoever resumed it (gen_send's `exc` out-parameter, a future's
 * stored exception).  It owns no memory: the message lives inside it, so
 * an exception can be copied with `=` and never leaks.
 *
 * The kinds are the ones the five labs raise, named after Python's.
 * StopIteration carries a value: the generator's return value.
 */
#ifndef CO_EXC_H
#define CO_EXC_H

#include <stdbool.h>

#include "co_value.h"

enum co_exc_kind {
    CO_EXC_NONE = 0,          /* no exception: a zeroed co_exc is "none" */
    CO_STOP_ITERATION,        /* a generator finished; .value = return value */
    CO_GENERATOR_EXIT,        /* thrown in by close() */
    CO_VALUE_ERROR,
    CO_TYPE_ERROR,
    CO_RUNTIME_ERROR,
    CO_KEY_ERROR,
    CO_ZERO_DIVISION_ERROR,
    CO_CANCELLED_ERROR,       /* asyncio.CancelledError */
    CO_TIMEOUT_ERROR,         /* asyncio.TimeoutError */
    CO_INVALID_STATE_ERROR,   /* asyncio.InvalidStateError */
    CO_STOP_ASYNC_ITERATION,  /* an async iterator is exhausted */
    CO_USER_ERROR,            /* an application's own exception class */
    CO_EXC_KIND_COUNT         /* not a kind: the number of kinds */
};

#define CO_EXC_MSG_MAX 96

struct co_exc {
    enum co_exc_kind kind;       /* CO_EXC_NONE when there is none */
    char msg[CO_EXC_MSG_MAX];    /* human message, maybe empty; always NUL-terminated */
    struct co_value value;       /* StopIteration's return value, or a payload */
};

/* Python's class name: "StopIteration", "ValueError", ... */
const char *co_exc_kind_name(enum co_exc_kind kind);

/* Look a kind up by its Python name ("ValueError"); CO_EXC_NONE if unknown. */
enum co_exc_kind co_exc_kind_from_name(const char *name);

/*
 * co_exc_make - an exception of `kind` whose message is printf(fmt, ...),
 * cut to CO_EXC_MSG_MAX - 1 characters.  fmt may be NULL: no message.
 * The value is none.
 */
struct co_exc co_exc_make(enum co_exc_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* StopIteration carrying `value`, as a finished generator raises it. */
struct co_exc co_exc_stop(struct co_value value);

static inline bool co_exc_is(const struct co_exc *e, enum co_exc_kind kind)
{
    return e->kind == kind;
}

/*
 * co_exc_format - "ValueError: bad input" (or "ValueError" with no
 * message; "StopIteration: 3" shows the value) into buf of size n.
 * Returns buf.
 */
char *co_exc_format(const struct co_exc *e, char *buf, unsigned n);

/* Enough for any formatted exception. */
#define CO_EXC_FORMAT_MAX (CO_EXC_MSG_MAX + 64)

#endif
