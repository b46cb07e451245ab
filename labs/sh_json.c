/*
 * sh_json.c - reading a JSON document (the grader's report) into a tree.
 *
 * Small on purpose: objects, arrays, strings (with \uXXXX escapes below
 * U+10000, written as UTF-8), numbers, true, false, null.  Enough for the
 * one document the shell reads, `grader --format json`.
 */
#include "sh_json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct reader {
    const char *p;
    int depth;
};

static void ws(struct reader *r)
{
    while (isspace((unsigned char)*r->p))
        r->p++;
}

static struct sh_json *node(enum sh_json_kind kind)
{
    struct sh_json *j = calloc(1, sizeof *j);

    if (j)
        j->kind = kind;
    return j;
}

static void add_byte(char **s, size_t *len, size_t *cap, char c)
{
    if (*len + 2 > *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        char *n = realloc(*s, ncap);
        if (!n)
            return;
        *s = n;
        *cap = ncap;
    }
    (*s)[(*len)++] = c;
    (*s)[*len] = '\0';
}

static char *string(struct reader *r)
{
    char *s = NULL;
    size_t len = 0, cap = 0;

    if (*r->p != '"')
        return NULL;
    r->p++;
    add_byte(&s, &len, &cap, '\0');
    len = 0;
    while (*r->p && *r->p != '"') {
        char c = *r->p++;

        if (c == '\\') {
            c = *r->p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4 && isxdigit((unsigned char)*r->p); i++, r->p++)
                    v = v * 16 + (unsigned)(isdigit((unsigned char)*r->p) ? *r->p - '0'
                                                                          : (tolower(*r->p) - 'a' + 10));
                if (v < 0x80) {
                    add_byte(&s, &len, &cap, (char)v);
                } else if (v < 0x800) {
                    add_byte(&s, &len, &cap, (char)(0xc0 | (v >> 6)));
                    add_byte(&s, &len, &cap, (char)(0x80 | (v & 0x3f)));
                } else {
                    add_byte(&s, &len, &cap, (char)(0xe0 | (v >> 12)));
                    add_byte(&s, &len, &cap, (char)(0x80 | ((v >> 6) & 0x3f)));
                    add_byte(&s, &len, &cap, (char)(0x80 | (v & 0x3f)));
                }
                continue;
            }
            case '\0':
                free(s);
                return NULL;
            default: break;     /* \" \\ \/ */
            }
        }
        add_byte(&s, &len, &cap, c);
    }
    if (*r->p != '"') {
        free(s);
        return NULL;
    }
    r->p++;
    return s;
}

static struct sh_json *value(struct reader *r);

static struct sh_json *container(struct reader *r, enum sh_json_kind kind, char close)
{
    struct sh_json *j = node(kind);

    r->p++;
    ws(r);
    if (*r->p == close) {
        r->p++;
        return j;
    }
    while (j) {
        char *key = NULL;
        struct sh_json *v, **grown;
        char **keys;

        ws(r);
        if (kind == SH_JSON_OBJECT) {
            key = string(r);
            ws(r);
            if (!key || *r->p != ':') {
                free(key);
                break;
            }
            r->p++;
        }
        v = value(r);
        if (!v) {
            free(key);
            break;
        }
        grown = realloc(j->items, sizeof *grown * (j->n + 1));
        keys = kind == SH_JSON_OBJECT ? realloc(j->keys, sizeof *keys * (j->n + 1)) : NULL;
        if (!grown || (kind == SH_JSON_OBJECT && !keys)) {
            free(key);
            sh_json_free(v);
            if (grown)
                j->items = grown;
            if (keys)
                j->keys = keys;
            break;
        }
        j->items = grown;
        if (keys) {
            j->keys = keys;
            j->keys[j->n] = key;
        }
        j->items[j->n++] = v;
        ws(r);
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p == close) {
            r->p++;
            return j;
        }
        break;
    }
    sh_json_free(j);
    return NULL;
}

static struct sh_json *value(struct reader *r)
{
    struct sh_json *j;

    ws(r);
    if (++r->depth > 64)
        return NULL;
    if (*r->p == '{') {
        j = container(r, SH_JSON_OBJECT, '}');
    } else if (*r->p == '[') {
        j = container(r, SH_JSON_ARRAY, ']');
    } else if (*r->p == '"') {
        j = node(SH_JSON_STRING);
        if (j && !(j->str = string(r))) {
            free(j);
            j = NULL;
        }
    } else if (strncmp(r->p, "true", 4) == 0 || strncmp(r->p, "false", 5) == 0) {
        j = node(SH_JSON_BOOL);
        if (j)
            j->num = r->p[0] == 't';
        r->p += r->p[0] == 't' ? 4 : 5;
    } else if (strncmp(r->p, "null", 4) == 0) {
        j = node(SH_JSON_NULL);
        r->p += 4;
    } else {
        char *end;
        double v = strtod(r->p, &end);

        if (end == r->p)
            return NULL;
        j = node(SH_JSON_NUMBER);
        if (j)
            j->num = v;
        r->p = end;
    }
    r->depth--;
    return j;
}

struct sh_json *sh_json_parse(const char *text)
{
    struct reader r = { text ? text : "", 0 };
    struct sh_json *j = value(&r);

    ws(&r);
    if (j && *r.p) {
        sh_json_free(j);
        return NULL;
    }
    return j;
}

void sh_json_free(struct sh_json *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++) {
        sh_json_free(j->items[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    free(j);
}

const struct sh_json *sh_json_get(const struct sh_json *j, const char *key)
{
    if (!j || j->kind != SH_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < j->n; i++)
        if (strcmp(j->keys[i], key) == 0)
            return j->items[i];
    return NULL;
}

const char *sh_json_str(const struct sh_json *j, const char *key)
{
    const struct sh_json *v = sh_json_get(j, key);

    return v && v->kind == SH_JSON_STRING ? v->str : NULL;
}

double sh_json_num(const struct sh_json *j, const char *key)
{
    const struct sh_json *v = sh_json_get(j, key);

    return v && (v->kind == SH_JSON_NUMBER || v->kind == SH_JSON_BOOL) ? v->num : 0;
}
