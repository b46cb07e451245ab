/*
 * play_value.c - Python literals in, Python reprs out.
 *
 * The player types values as Python would (42, 2.5, 'hi', None) and sees
 * them printed as Python's repr() prints them, so that the C session
 * reads like the Python one next to it.
 */
#include "play.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Strings typed by the player live until the engine exits. */
static char **kept;
static size_t nkept;

static const char *keep(const char *s)
{
    char **v = realloc(kept, sizeof *v * (nkept + 1));
    char *c = strdup(s);
    if (!v || !c) {
        free(c);
        return "";
    }
    kept = v;
    kept[nkept++] = c;
    return c;
}

__attribute__((destructor)) static void free_kept(void)
{
    for (size_t i = 0; i < nkept; i++)
        free(kept[i]);
    free(kept);
}

int play_parse_value(const char *text, struct co_value *out, char *err, size_t errn)
{
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    size_t n = strlen(p);
    while (n > 0 && isspace((unsigned char)p[n - 1]))
        n--;
    if (n == 0) {
        snprintf(err, errn, "a value is needed: 42, 2.5, 'text' or None");
        return -1;
    }
    if (n == 4 && strncmp(p, "None", 4) == 0) {
        *out = co_none();
        return 0;
    }
    if (n == 4 && strncmp(p, "True", 4) == 0) {
        *out = co_int(1);
        return 0;
    }
    if (n == 5 && strncmp(p, "False", 5) == 0) {
        *out = co_int(0);
        return 0;
    }
    if (p[0] == '\'' || p[0] == '"') {
        char q = p[0];
        char buf[1024];
        size_t k = 0;
        size_t i = 1;
        for (; i < n && p[i] != q; i++) {
            char ch = p[i];
            if (ch == '\\' && i + 1 < n) {
                i++;
                switch (p[i]) {
                case 'n': ch = '\n'; break;
                case 't': ch = '\t'; break;
                case '0': ch = '\0'; break;
                default: ch = p[i]; break;
                }
            }
            if (k < sizeof buf - 1)
                buf[k++] = ch;
        }
        if (i != n - 1) {
            snprintf(err, errn, "%.*s: the string is not closed (or something follows it)",
                     (int)n, p);
            return -1;
        }
        buf[k] = '\0';
        *out = co_str(keep(buf));
        return 0;
    }
    char tmp[128];
    if (n >= sizeof tmp) {
        snprintf(err, errn, "that value is too long");
        return -1;
    }
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    /* Python allows 1_000 */
    char digits[128];
    size_t d = 0;
    for (size_t i = 0; tmp[i]; i++)
        if (tmp[i] != '_')
            digits[d++] = tmp[i];
    digits[d] = '\0';
    char *end;
    errno = 0;
    long long i = strtoll(digits, &end, 10);
    if (*end == '\0' && end != digits) {
        if (errno == ERANGE) {
            snprintf(err, errn, "%s does not fit in a C long long (Python's ints have no limit; "
                     "ours do)", tmp);
            return -1;
        }
        *out = co_int(i);
        return 0;
    }
    if ((digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))) {
        i = strtoll(digits, &end, 16);
        if (*end == '\0') {
            *out = co_int(i);
            return 0;
        }
    }
    double f = strtod(digits, &end);
    if (*end == '\0' && end != digits && !isalpha((unsigned char)digits[0])) {
        *out = co_float(f);
        return 0;
    }
    if (strcmp(digits, "inf") == 0 || strcmp(digits, "nan") == 0) {
        snprintf(err, errn, "Python spells it float('%s')", digits);
        return -1;
    }
    snprintf(err, errn, "%s is not a Python literal; strings need quotes: '%s'", tmp, tmp);
    return -1;
}

int play_exc_names(const char *names[], int max)
{
    int n = 0;
    for (int k = CO_EXC_NONE + 1; k < CO_EXC_KIND_COUNT && n < max; k++)
        names[n++] = co_exc_kind_name((enum co_exc_kind)k);
    return n;
}

int play_parse_exc(const char *text, struct co_exc *out, char *err, size_t errn)
{
    char name[64];
    const char *p = text;
    size_t k = 0;
    enum co_exc_kind kind;

    while (isspace((unsigned char)*p))
        p++;
    while ((isalnum((unsigned char)*p) || *p == '_') && k < sizeof name - 1)
        name[k++] = *p++;
    name[k] = '\0';
    if (k == 0) {
        snprintf(err, errn, "which exception?  e.g. throw ValueError, throw "
                 "ValueError('bad'), throw TypeError oops");
        return -1;
    }
    kind = co_exc_kind_from_name(name);
    if (kind == CO_EXC_NONE) {
        const char *names[32];
        int n = play_exc_names(names, 32);
        char list[512] = "";
        for (int i = 0; i < n; i++) {
            strncat(list, names[i], sizeof list - strlen(list) - 1);
            if (i + 1 < n)
                strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        snprintf(err, errn, "%s is not one of the labs' exception kinds: %s", name, list);
        return -1;
    }
    /* the message: ('text'), ("text"), or the rest of the line */
    while (isspace((unsigned char)*p))
        p++;
    char msg[CO_EXC_MSG_MAX] = "";
    if (*p == '(') {
        const char *q = p + 1;
        const char *close = strrchr(q, ')');
        if (!close) {
            snprintf(err, errn, "a ( without its )");
            return -1;
        }
        char inner[256];
        snprintf(inner, sizeof inner, "%.*s", (int)(close - q), q);
        if (inner[0]) {
            struct co_value v;
            if (play_parse_value(inner, &v, err, errn) != 0)
                return -1;
            if (v.kind == CO_STR)
                snprintf(msg, sizeof msg, "%s", v.as.s);
            else
                co_value_repr(v, msg, sizeof msg);
        }
    } else if (*p) {
        struct co_value v;
        if ((*p == '\'' || *p == '"') && play_parse_value(p, &v, err, errn) == 0 &&
            v.kind == CO_STR)
            snprintf(msg, sizeof msg, "%s", v.as.s);
        else
            snprintf(msg, sizeof msg, "%s", p);
    }
    *out = co_exc_make(kind, msg[0] ? "%s" : NULL, msg);
    return 0;
}

const char *play_repr(struct co_value v, char *buf, size_t n)
{
    return co_value_repr(v, buf, n);
}

const char *play_pytype(struct co_value v)
{
    switch (v.kind) {
    case CO_NONE: return "NoneType";
    case CO_INT: return "int";
    case CO_FLOAT: return "float";
    case CO_STR: return "str";
    case CO_PTR: return "pointer";
    }
    return "?";
}
