/*
 * grade_buf - the grader's two containers: a growable byte string and a
 * list of strings.
 *
 * Every report the grader writes is text assembled piece by piece, and
 * every set it checks against (allowed symbols, problems found) is a
 * short list of words, so these two are all it needs.  Running out of
 * memory inside the grader itself is fatal: it prints why and exits 2.
 */
#ifndef GRADE_BUF_H
#define GRADE_BUF_H

#include <stddef.h>

/* A byte string; data is NUL-terminated whenever len > 0. */
struct grade_buf {
    char *data;    /* owned; NULL until something is added */
    size_t len;    /* bytes used, without the NUL */
    size_t cap;    /* bytes allocated */
};

void grade_buf_init(struct grade_buf *b);
void grade_buf_destroy(struct grade_buf *b);
void grade_buf_reset(struct grade_buf *b);        /* empty, keeps memory */
void grade_buf_add(struct grade_buf *b, const void *p, size_t n);
void grade_buf_adds(struct grade_buf *b, const char *s);
void grade_buf_addf(struct grade_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append s[0..n) as a quoted JSON string.  Control characters are
 * escaped and bytes that are not valid UTF-8 become U+FFFD, so the
 * result is valid JSON whatever a submission printed. */
void grade_buf_add_json(struct grade_buf *b, const char *s, size_t n);

/* Append s[0..n) escaped for XML text or attributes; characters XML 1.0
 * cannot hold (most control characters, invalid UTF-8) become '?'. */
void grade_buf_add_xml(struct grade_buf *b, const char *s, size_t n);

/* The contents as a string; "" when empty.  Borrowed. */
const char *grade_buf_str(const struct grade_buf *b);

/* Hand the contents over (caller frees); b is empty afterwards. */
char *grade_buf_take(struct grade_buf *b);

/* A list of strings, in insertion order. */
struct grade_strv {
    char **v;      /* owned strings */
    size_t n;      /* used */
    size_t cap;    /* allocated */
};

void grade_strv_add(struct grade_strv *sv, const char *s);
void grade_strv_addf(struct grade_strv *sv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Add each whitespace-separated word of s. */
void grade_strv_split(struct grade_strv *sv, const char *s);
/* 1 if s is in sv (linear scan: the lists are a few hundred words). */
int grade_strv_has(const struct grade_strv *sv, const char *s);
/* Add s unless it is there already. */
void grade_strv_add_once(struct grade_strv *sv, const char *s);
void grade_strv_free(struct grade_strv *sv);

/* strdup that exits on failure; NULL stays NULL. */
char *grade_strdup(const char *s);
/* malloc'd printf. */
char *grade_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* calloc/realloc that exit on failure. */
void *grade_calloc(size_t n, size_t size);
void *grade_realloc(void *p, size_t n, size_t size);

#endif
