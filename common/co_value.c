#include "co_value.h"

#include <stdio.h>
#include <string.h>

bool co_value_eq(struct co_value a, struct co_value b)
{
    if (a.kind == CO_INT && b.kind == CO_FLOAT)
        return (double)a.as.i == b.as.f;
    if (a.kind == CO_FLOAT && b.kind == CO_INT)
        return a.as.f == (double)b.as.i;
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case CO_NONE:  return true;
    case CO_INT:   return a.as.i == b.as.i;
    case CO_FLOAT: return a.as.f == b.as.f;
    case CO_STR:   return strcmp(a.as.s, b.as.s) == 0;
    case CO_PTR:   return a.as.p == b.as.p;
    }
    return false;
}

const char *co_kind_name(enum co_kind kind)
{
    switch (kind) {
    case CO_NONE:  return "none";
    case CO_INT:   return "int";
    case CO_FLOAT: return "float";
    case CO_STR:   return "str";
    case CO_PTR:   return "ptr";
    }
    return "?";
}

char *co_value_repr(struct co_value v, char *buf, size_t n)
{
    int len;

    if (n == 0)
        return buf;
    switch (v.kind) {
    case CO_NONE:  len = snprintf(buf, n, "None"); break;
    case CO_INT:   len = snprintf(buf, n, "%lld", v.as.i); break;
    case CO_FLOAT: len = snprintf(buf, n, "%g", v.as.f); break;
    case CO_STR:   len = snprintf(buf, n, "'%s'", v.as.s); break;
    case CO_PTR:   len = snprintf(buf, n, "<ptr %p>", v.as.p); break;
    default:       len = snprintf(buf, n, "<bad kind %d>", (int)v.kind); break;
    }
    /* Cut long strings visibly rather than silently. */
    if (len >= 0 && (size_t)len >= n && n >= 4)
        memcpy(buf + n - 4, "...", 4);
    return buf;
}
