/*
 * benign.c - everyday C that the front-end checks (grader/grade_check.py)
 * must accept: grader/tests/run.sh appends it to lab01's reference gen.c
 * and expects full marks.  Each idiom is one a student's code may well
 * hold; a refusal here would cost a student every point.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

struct item {
    int key;
    void (*on_done)(struct item *it);     /* a type that holds a function pointer */
};

/* qsort's comparator: its void * parameters become the type qsort sorts. */
static int by_key(const void *a, const void *b)
{
    const struct item *x = a, *y = b;

    return (x->key > y->key) - (x->key < y->key);
}

/* A callback's argument back as the type it was registered with. */
static void touch(struct item *it)
{
    it->key++;
}

/* A callback-style helper: its void * argument is tested, used as the
 * one type every caller hands over, and freed. */
static void release(void *arg)
{
    struct item *it = arg;

    if (!arg)
        return;
    it->key = 0;
    free(arg);
}

/* Growing an array with the safe realloc idiom, through a void *. */
static int grow(struct item **items, size_t *cap)
{
    size_t more = *cap ? 2 * *cap : 4;
    void *tmp = realloc(*items, more * sizeof **items);

    if (!tmp)
        return CO_ENOMEM;
    *items = tmp;
    memset(*items + *cap, 0, (more - *cap) * sizeof **items);
    *cap = more;
    return CO_OK;
}

__attribute__((unused)) static int benign_everyday(void)
{
    struct item *items = NULL, copy;
    size_t cap = 0;
    char *name = malloc(16), buf[32];
    uintptr_t bits = (uintptr_t)buf;         /* a pointer as a number is fine */

    if (!name || grow(&items, &cap) != CO_OK) {
        free(name);
        free(items);
        return CO_ENOMEM;
    }
    snprintf(name, 16, "%s", "item");
    items[0].key = 2;
    items[1].key = 1;
    items[0].on_done = touch;
    items[0].on_done(&items[0]);
    memcpy(&copy, &items[0], sizeof copy);   /* a copy between two of one type */
    qsort(items, 2, sizeof *items, by_key);
    release(malloc(sizeof(struct item)));
    release(NULL);
    printf("%s %d %p %lu\n", name, copy.key, (void *)items, (unsigned long)(bits & 1));
    free(name);
    free(items);
    return CO_OK;
}
