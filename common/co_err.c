#include "co_err.h"

#include <stdio.h>

static const struct {
    int code;
    const char *name;
    const char *text;
} co_errors[] = {
    { CO_OK,         "CO_OK",         "success" },
    { CO_EINVAL,     "CO_EINVAL",     "invalid argument" },
    { CO_ESTATE,     "CO_ESTATE",     "wrong state for this call" },
    { CO_EDONE,      "CO_EDONE",      "generator or future already finished" },
    { CO_ECANCELLED, "CO_ECANCELLED", "cancelled" },
    { CO_ENOMEM,     "CO_ENOMEM",     "out of memory" },
    { CO_ENOSYS,     "CO_ENOSYS",     "not implemented yet (skeleton)" },
    { CO_ECLOSED,    "CO_ECLOSED",    "the event loop is closed" },
};

#define N_ERRORS (sizeof co_errors / sizeof co_errors[0])

const char *co_strerror(int err)
{
    for (unsigned i = 0; i < N_ERRORS; i++)
        if (co_errors[i].code == err)
            return co_errors[i].text;
    return err > 0 ? "success" : "unknown error";
}

const char *co_errname(int err)
{
    /* Thread-local so that two threads printing codes never mix. */
    static _Thread_local char other[32];

    for (unsigned i = 0; i < N_ERRORS; i++)
        if (co_errors[i].code == err)
            return co_errors[i].name;
    snprintf(other, sizeof other, err > 0 ? "CO_OK(+%d)" : "CO_E?(%d)", err);
    return other;
}
