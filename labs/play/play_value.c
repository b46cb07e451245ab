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

/* ---- lists ------------------------------------------------------------ */

/* A list is a CO_PTR to a struct play_list made here; only pointers this
 * file handed out are lists (play_as_list checks), and they live until
 * the engine exits, like the strings. */
static struct play_list **lists;
static size_t nlists;

struct play_list *play_list_new(void)
{
    struct play_list **v = realloc(lists, sizeof *v * (nlists + 1));
    struct play_list *l = calloc(1, sizeof *l);
    if (!v || !l) {
        free(l);
        if (v)
            lists = v;
        return NULL;
    }
    lists = v;
    lists[nlists++] = l;
    return l;
}

struct play_list *play_as_list(struct co_value v)
{
    if (v.kind != CO_PTR)
        return NULL;
    for (size_t i = 0; i < nlists; i++)
        if (lists[i] == v.as.p)
            return lists[i];
    return NULL;
}

int play_list_append(struct play_list *l, struct co_value v)
{
    if (l->n >= PLAY_LIST_MAX)
        return -1;
    l->items[l->n++] = v;
    return 0;
}

__attribute__((destructor)) static void free_lists(void)
{
    for (size_t i = 0; i < nlists; i++)
        free(lists[i]);
    free(lists);
}

static int parse_one(const char *p, size_t n, struct co_value *out, char *err, size_t errn);

/* [a, b, ...]: the items split on the commas outside quotes and brackets. */
static int parse_list(const char *p, size_t n, struct co_value *out, char *err, size_t errn)
{
    struct play_list *l = play_list_new();
    size_t start = 1, depth = 0;
    char q = 0;

    if (!l) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    for (size_t i = 1; i < n; i++) {
        char c = p[i];
        if (q) {
            if (c == '\\')
                i++;
            else if (c == q)
                q = 0;
            continue;
        }
        if (c == '\'' || c == '"')
            q = c;
        else if (c == '[')
            depth++;
        else if ((c == ']' && depth > 0))
            depth--;
        else if (c == ',' || (c == ']' && i == n - 1)) {
            const char *item = p + start;
            size_t len = i - start;
            while (len && isspace((unsigned char)*item))
                item++, len--;
            while (len && isspace((unsigned char)item[len - 1]))
                len--;
            start = i + 1;
            if (len == 0 && c == ']' && l->n == 0)
                break;                          /* [] */
            if (len == 0 && c == ']')
                break;                          /* [1, 2,] */
            struct co_value v;
            if (len == 0) {
                snprintf(err, errn, "%.*s: an empty item in the list", (int)n, p);
                return -1;
            }
            if (parse_one(item, len, &v, err, errn) != 0)
                return -1;
            if (play_list_append(l, v) != 0) {
                snprintf(err, errn, "the playground's lists hold %d items at most",
                         PLAY_LIST_MAX);
                return -1;
            }
        }
    }
    if (q || depth || p[n - 1] != ']') {
        snprintf(err, errn, "%.*s: the list is not closed", (int)n, p);
        return -1;
    }
    *out = co_ptr(l);
    return 0;
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
        snprintf(err, errn, "a value is needed: 42, 2.5, 'text', [1, 2] or None");
        return -1;
    }
    return parse_one(p, n, out, err, errn);
}

/* One literal: p[0..n), trimmed, not empty. */
static int parse_one(const char *p, size_t n, struct co_value *out, char *err, size_t errn)
{
    if (p[0] == '[')
        return parse_list(p, n, out, err, errn);
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
    snprintf(err, errn, "%s: the playground reads None, True, False, numbers, 'strings' and "
             "[lists] of them; strings need quotes: '%s'", tmp, tmp);
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
            if (v.kind == CO_STR && kind != CO_KEY_ERROR)
                snprintf(msg, sizeof msg, "%s", v.as.s);
            else                    /* str(KeyError(k)) is repr(k), as with a number */
                play_repr(v, msg, sizeof msg);
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
    struct play_list *l = play_as_list(v);
    size_t len;

    if (!l)
        return co_value_repr(v, buf, n);
    snprintf(buf, n, "[");
    for (int i = 0; i < l->n; i++) {
        char item[CO_REPR_MAX];
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", i ? ", " : "", play_repr(l->items[i], item, sizeof item));
    }
    len = strlen(buf);
    snprintf(buf + len, n - len, "]");
    return buf;
}

const char *play_str(struct co_value v, char *buf, size_t n)
{
    if (v.kind == CO_STR) {
        snprintf(buf, n, "%s", v.as.s);
        return buf;
    }
    return play_repr(v, buf, n);
}

/* ---- Python's arithmetic, for the catalogue's bodies ------------------ */

bool play_truthy(struct co_value v)
{
    struct play_list *l = play_as_list(v);
    switch (v.kind) {
    case CO_NONE: return false;
    case CO_INT: return v.as.i != 0;
    case CO_FLOAT: return v.as.f != 0;
    case CO_STR: return v.as.s[0] != '\0';
    case CO_PTR: return l ? l->n > 0 : true;
    }
    return true;
}

static bool is_number(struct co_value v)
{
    return v.kind == CO_INT || v.kind == CO_FLOAT;
}

static double as_double(struct co_value v)
{
    return v.kind == CO_INT ? (double)v.as.i : v.as.f;
}

int play_add(struct co_value a, struct co_value b, const char *op, struct co_value *out,
             struct co_exc *exc)
{
    struct play_list *la = play_as_list(a), *lb = play_as_list(b);

    if (a.kind == CO_INT && b.kind == CO_INT) {
        *out = co_int(a.as.i + b.as.i);
        return 0;
    }
    if (is_number(a) && is_number(b)) {
        *out = co_float(as_double(a) + as_double(b));
        return 0;
    }
    if (a.kind == CO_STR && b.kind == CO_STR) {
        char *buf = malloc(strlen(a.as.s) + strlen(b.as.s) + 1);
        if (!buf) {
            *exc = co_exc_make(CO_RUNTIME_ERROR, "the playground ran out of memory");
            return -1;
        }
        strcpy(buf, a.as.s);
        strcat(buf, b.as.s);
        *out = co_str(keep(buf));
        free(buf);
        return 0;
    }
    if (la && lb) {
        struct play_list *l = play_list_new();
        if (!l || la->n + lb->n > PLAY_LIST_MAX) {
            *exc = co_exc_make(CO_RUNTIME_ERROR, "the playground ran out of memory");
            return -1;
        }
        for (int i = 0; i < la->n; i++)
            play_list_append(l, la->items[i]);
        for (int i = 0; i < lb->n; i++)
            play_list_append(l, lb->items[i]);
        *out = co_ptr(l);
        return 0;
    }
    if (a.kind == CO_STR || la)
        *exc = co_exc_make(CO_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s",
                           play_pytype(a), play_pytype(b), play_pytype(a));
    else
        *exc = co_exc_make(CO_TYPE_ERROR, "unsupported operand type(s) for %s: '%s' and '%s'",
                           op, play_pytype(a), play_pytype(b));
    return -1;
}

int play_mul(struct co_value a, struct co_value b, struct co_value *out, struct co_exc *exc)
{
    if (a.kind == CO_INT && b.kind == CO_INT) {
        *out = co_int(a.as.i * b.as.i);
        return 0;
    }
    if (is_number(a) && is_number(b)) {
        *out = co_float(as_double(a) * as_double(b));
        return 0;
    }
    struct co_value seq = a.kind == CO_INT ? b : a, k = a.kind == CO_INT ? a : b;
    if (seq.kind == CO_STR || play_as_list(seq)) {
        if (k.kind != CO_INT) {
            *exc = co_exc_make(CO_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'",
                               play_pytype(k));
            return -1;
        }
        struct co_value r = seq.kind == CO_STR ? co_str("") : co_ptr(play_list_new());
        for (long long i = 0; i < k.as.i && i < 1000; i++)
            if (play_add(r, seq, "+", &r, exc) != 0)
                return -1;
        *out = r;
        return 0;
    }
    *exc = co_exc_make(CO_TYPE_ERROR, "unsupported operand type(s) for *: '%s' and '%s'",
                       play_pytype(a), play_pytype(b));
    return -1;
}

const char *play_pytype(struct co_value v)
{
    switch (v.kind) {
    case CO_NONE: return "NoneType";
    case CO_INT: return "int";
    case CO_FLOAT: return "float";
    case CO_STR: return "str";
    case CO_PTR: return play_as_list(v) ? "list" : "pointer";
    }
    return "?";
}
