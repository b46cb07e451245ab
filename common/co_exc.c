#include "co_exc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const co_exc_names[CO_EXC_KIND_COUNT] = {
    [CO_EXC_NONE]             = "NoException",
    [CO_STOP_ITERATION]       = "StopIteration",
    [CO_GENERATOR_EXIT]       = "GeneratorExit",
    [CO_VALUE_ERROR]          = "ValueError",
    [CO_TYPE_ERROR]           = "TypeError",
    [CO_RUNTIME_ERROR]        = "RuntimeError",
    [CO_KEY_ERROR]            = "KeyError",
    [CO_ZERO_DIVISION_ERROR]  = "ZeroDivisionError",
    [CO_CANCELLED_ERROR]      = "CancelledError",
    [CO_TIMEOUT_ERROR]        = "TimeoutError",
    [CO_INVALID_STATE_ERROR]  = "InvalidStateError",
    [CO_STOP_ASYNC_ITERATION] = "StopAsyncIteration",
    [CO_USER_ERROR]           = "UserError",
};

const char *co_exc_kind_name(enum co_exc_kind kind)
{
    if ((unsigned)kind < CO_EXC_KIND_COUNT)
        return co_exc_names[kind];
    return "UnknownException";
}

enum co_exc_kind co_exc_kind_from_name(const char *name)
{
    for (int k = 1; k < CO_EXC_KIND_COUNT; k++)
        if (strcmp(co_exc_names[k], name) == 0)
            return (enum co_exc_kind)k;
    return CO_EXC_NONE;
}

struct co_exc co_exc_make(enum co_exc_kind kind, const char *fmt, ...)
{
    struct co_exc e = { .kind = kind };

    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e.msg, sizeof e.msg, fmt, ap);
        va_end(ap);
    }
    return e;
}

struct co_exc co_exc_stop(struct co_value value)
{
    struct co_exc e = { .kind = CO_STOP_ITERATION, .value = value };
    return e;
}

char *co_exc_format(const struct co_exc *e, char *buf, unsigned n)
{
    const char *name = co_exc_kind_name(e->kind);

    if (n == 0)
        return buf;
    if (e->msg[0])
        snprintf(buf, n, "%s: %s", name, e->msg);
    else if (e->kind == CO_STOP_ITERATION && !co_is_none(e->value)) {
        char repr[CO_REPR_MAX];
        snprintf(buf, n, "%s: %s", name,
                 co_value_repr(e->value, repr, sizeof repr));
    } else
        snprintf(buf, n, "%s", name);
    return buf;
}
