/*
 * sh_json - a JSON document as a tree (sh_json.c), for reading the
 * grader's report (`grader --format json`, grader/README.md).
 */
#ifndef SH_JSON_H
#define SH_JSON_H

#include <stddef.h>

enum sh_json_kind { SH_JSON_NULL, SH_JSON_BOOL, SH_JSON_NUMBER, SH_JSON_STRING,
                    SH_JSON_ARRAY, SH_JSON_OBJECT };

struct sh_json {
    enum sh_json_kind kind;
    double num;                  /* NUMBER; BOOL: 1 or 0 */
    char *str;                   /* STRING */
    struct sh_json **items;      /* ARRAY, OBJECT: n values */
    char **keys;                 /* OBJECT: n keys */
    size_t n;
};

/* The document, or NULL if text is not JSON. */
struct sh_json *sh_json_parse(const char *text);
void sh_json_free(struct sh_json *j);
/* Member `key` of object j (NULL if j is no object or has none). */
const struct sh_json *sh_json_get(const struct sh_json *j, const char *key);
/* Its value as a string (NULL unless a string) or number (0 unless one). */
const char *sh_json_str(const struct sh_json *j, const char *key);
double sh_json_num(const struct sh_json *j, const char *key);

#endif
