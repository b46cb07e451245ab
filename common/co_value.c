#include "co_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * repr(float) as Python writes it: the fewest significant digits that
 * read back as the same double, in positional notation when the decimal
 * exponent is in [-4, 16) (with ".0" on a whole number), else as
 * d.ddde+XX.  inf, -inf and nan as Python spells them.
 */
static int float_repr(double x, char *buf, size_t n)
{
    char e[40], digits[24];
    int prec, exp, nd = 0, len = 0;
    const char *p;

    if (isnan(x))
        return snprintf(buf, n, "nan");
    if (isinf(x))
        return snprintf(buf, n, "%sinf", x < 0 ? "-" : "");
    for (prec = 1; prec < 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, x);
        if (strtod(e, NULL) == x)
            break;
    }
    snprintf(e, sizeof e, "%.*e", prec - 1, x);
    /* e is [-]d[.ddd]e[+-]XX: collect the digits, then the exponent */
    p = e;
    if (*p == '-')
        p++;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    digits[nd] = '\0';
    while (nd > 1 && digits[nd - 1] == '0')   /* %e may pad: 1.0e+01 */
        digits[--nd] = '\0';
    exp = atoi(p + 1);
    char out[64];
    if (signbit(x))
        out[len++] = '-';
    if (exp >= -4 && exp < 16) {               /* positional */
        if (exp < 0) {
            out[len++] = '0';
            out[len++] = '.';
            for (int i = 0; i < -exp - 1; i++)
                out[len++] = '0';
            for (int i = 0; i < nd; i++)
                out[len++] = digits[i];
        } else {
            for (int i = 0; i <= exp; i++)     /* the whole part, padded */
                out[len++] = i < nd ? digits[i] : '0';
            out[len++] = '.';
            if (nd <= exp + 1)
                out[len++] = '0';
            for (int i = exp + 1; i < nd; i++)
                out[len++] = digits[i];
        }
        out[len] = '\0';
    } else {                                   /* d.ddde+XX */
        snprintf(out + len, sizeof out - (size_t)len, "%c%s%se%c%02d", digits[0],
                 nd > 1 ? "." : "", digits + 1, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
    return snprintf(buf, n, "%s", out);
}

/* Append text to buf (size n) at *len, counting what did not fit. */
static void put(char *buf, size_t n, size_t *len, const char *text)
{
    for (; *text; text++) {
        if (*len + 1 < n)
            buf[*len] = *text;
        ++*len;
    }
}

/* repr(str): single quotes unless the text has ' and no ", escapes as
 * Python writes them. */
static int str_repr(const char *s, char *buf, size_t n)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    char piece[8] = { q, '\0' };
    size_t len = 0;

    put(buf, n, &len, piece);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '\\' || *c == (unsigned char)q)
            snprintf(piece, sizeof piece, "\\%c", *c);
        else if (*c == '\n')
            snprintf(piece, sizeof piece, "\\n");
        else if (*c == '\t')
            snprintf(piece, sizeof piece, "\\t");
        else if (*c == '\r')
            snprintf(piece, sizeof piece, "\\r");
        else if (*c < 0x20 || *c == 0x7f)
            snprintf(piece, sizeof piece, "\\x%02x", *c);
        else
            snprintf(piece, sizeof piece, "%c", *c);
        put(buf, n, &len, piece);
    }
    snprintf(piece, sizeof piece, "%c", q);
    put(buf, n, &len, piece);
    buf[len < n ? len : n - 1] = '\0';
    return (int)len;
}

char *co_value_repr(struct co_value v, char *buf, size_t n)
{
    int len;

    if (n == 0)
        return buf;
    switch (v.kind) {
    case CO_NONE:  len = snprintf(buf, n, "None"); break;
    case CO_INT:   len = snprintf(buf, n, "%lld", v.as.i); break;
    case CO_FLOAT: len = float_repr(v.as.f, buf, n); break;
    case CO_STR:   len = str_repr(v.as.s, buf, n); break;
    case CO_PTR:   len = snprintf(buf, n, "<ptr %p>", v.as.p); break;
    default:       len = snprintf(buf, n, "<bad kind %d>", (int)v.kind); break;
    }
    /* Cut long strings visibly rather than silently. */
    if (len >= 0 && (size_t)len >= n && n >= 4)
        memcpy(buf + n - 4, "...", 4);
    return buf;
}
