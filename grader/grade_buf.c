/* grade_buf.c - growable strings and string lists (see grade_buf.h). */
#include "grade_buf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("grader: out of memory\n", stderr);
    exit(2);
}

void *grade_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        out_of_memory();
    return p;
}

void *grade_realloc(void *p, size_t n, size_t size)
{
    size_t total;

    if (size && n > SIZE_MAX / size)
        out_of_memory();
    total = n * size;
    p = realloc(p, total ? total : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *grade_strdup(const char *s)
{
    char *d;

    if (!s)
        return NULL;
    d = strdup(s);
    if (!d)
        out_of_memory();
    return d;
}

static char *vstrf(const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    char *s;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0;
    s = grade_calloc((size_t)n + 1, 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *grade_strf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vstrf(fmt, ap);
    va_end(ap);
    return s;
}

void grade_buf_init(struct grade_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void grade_buf_destroy(struct grade_buf *b)
{
    free(b->data);
    grade_buf_init(b);
}

void grade_buf_reset(struct grade_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Room for n more bytes and the NUL; doubling keeps appends O(1). */
static void reserve(struct grade_buf *b, size_t n)
{
    size_t want = b->len + n + 1;

    if (want <= b->cap)
        return;
    if (want < b->len)
        out_of_memory();
    b->cap = b->cap ? b->cap : 64;
    while (b->cap < want)
        b->cap *= 2;
    b->data = grade_realloc(b->data, b->cap, 1);
}

void grade_buf_add(struct grade_buf *b, const void *p, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void grade_buf_adds(struct grade_buf *b, const char *s)
{
    grade_buf_add(b, s, strlen(s));
}

void grade_buf_addf(struct grade_buf *b, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vstrf(fmt, ap);
    va_end(ap);
    grade_buf_adds(b, s);
    free(s);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

void grade_buf_add_json(struct grade_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    grade_buf_add(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len;

        if (c == '"' || c == '\\') {
            grade_buf_add(b, "\\", 1);
            grade_buf_add(b, &c, 1);
            i++;
        } else if (c == '\n') {
            grade_buf_adds(b, "\\n");
            i++;
        } else if (c == '\t') {
            grade_buf_adds(b, "\\t");
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            grade_buf_addf(b, "\\u%04x", c);
            i++;
        } else if ((len = utf8_len(u + i, n - i)) == 0) {
            grade_buf_adds(b, "\\ufffd");
            i++;
        } else {
            grade_buf_add(b, u + i, len);
            i += len;
        }
    }
    grade_buf_add(b, "\"", 1);
}

void grade_buf_add_xml(struct grade_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len;

        switch (c) {
        case '<': grade_buf_adds(b, "&lt;"); i++; continue;
        case '>': grade_buf_adds(b, "&gt;"); i++; continue;
        case '&': grade_buf_adds(b, "&amp;"); i++; continue;
        case '"': grade_buf_adds(b, "&quot;"); i++; continue;
        case '\'': grade_buf_adds(b, "&apos;"); i++; continue;
        default: break;
        }
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f ||
            (len = utf8_len(u + i, n - i)) == 0) {
            grade_buf_add(b, "?", 1);
            i++;
        } else {
            grade_buf_add(b, u + i, len);
            i += len;
        }
    }
}

const char *grade_buf_str(const struct grade_buf *b)
{
    return b->len ? b->data : "";
}

char *grade_buf_take(struct grade_buf *b)
{
    char *s = b->data ? b->data : grade_strdup("");

    grade_buf_init(b);
    return s;
}

void grade_strv_add(struct grade_strv *sv, const char *s)
{
    if (sv->n + 1 >= sv->cap) {
        sv->cap = sv->cap ? 2 * sv->cap : 8;
        sv->v = grade_realloc(sv->v, sv->cap, sizeof *sv->v);
    }
    sv->v[sv->n++] = grade_strdup(s);
    sv->v[sv->n] = NULL;          /* usable as an argv */
}

void grade_strv_addf(struct grade_strv *sv, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vstrf(fmt, ap);
    va_end(ap);
    grade_strv_add(sv, s);
    free(s);
}

void grade_strv_split(struct grade_strv *sv, const char *s)
{
    while (*s) {
        const char *start;
        char *word;

        while (*s && isspace((unsigned char)*s))
            s++;
        start = s;
        while (*s && !isspace((unsigned char)*s))
            s++;
        if (s == start)
            break;
        word = grade_calloc((size_t)(s - start) + 1, 1);
        memcpy(word, start, (size_t)(s - start));
        grade_strv_add(sv, word);
        free(word);
    }
}

int grade_strv_has(const struct grade_strv *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return 1;
    return 0;
}

void grade_strv_add_once(struct grade_strv *sv, const char *s)
{
    if (!grade_strv_has(sv, s))
        grade_strv_add(sv, s);
}

void grade_strv_free(struct grade_strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}
