/* co_invariant.c - the message of a broken invariant (see co_invariant.h). */
#include "co_invariant.h"

#include <stdarg.h>

const char *co_broken(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return buf;
}
