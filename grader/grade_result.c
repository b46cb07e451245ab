/* grade_result.c - one lab's outcome (see grade_result.h). */
#include "grade_result.h"

#include <stdlib.h>
#include <string.h>

static void add_tests(struct grade_labres *r, const struct grade_points *pt, int hidden,
                      const char *why)
{
    r->tests = grade_realloc(r->tests, r->n + pt->n, sizeof *r->tests);
    for (size_t i = 0; i < pt->n; i++) {
        struct grade_test *t = &r->tests[r->n++];

        memset(t, 0, sizeof *t);
        t->name = grade_strdup(pt->v[i].name);
        t->points = pt->v[i].points;
        t->hidden = hidden;
        t->message = grade_strdup(why);
        t->time = -1;
    }
}

void grade_labres_init(struct grade_labres *r, const char *lab, const struct grade_points *pub,
                       const struct grade_points *hid, const char *why)
{
    memset(r, 0, sizeof *r);
    r->lab = grade_strdup(lab);
    grade_buf_init(&r->log);
    if (pub)
        add_tests(r, pub, 0, why);
    if (hid)
        add_tests(r, hid, 1, why);
    grade_labres_total(r);
}

void grade_labres_free(struct grade_labres *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->tests[i].name);
        free(r->tests[i].tcase);
        free(r->tests[i].message);
        free(r->tests[i].where);
        free(r->tests[i].output);
    }
    free(r->tests);
    free(r->lab);
    grade_strv_free(&r->problems);
    grade_strv_free(&r->notes);
    grade_strv_free(&r->ignored);
    grade_buf_destroy(&r->log);
    memset(r, 0, sizeof *r);
}

struct grade_test *grade_labres_find(struct grade_labres *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->tests[i].name, name) == 0)
            return &r->tests[i];
    return NULL;
}

void grade_labres_not_run(struct grade_labres *r, const char *why)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->tests[i].ran)
            continue;
        free(r->tests[i].message);
        r->tests[i].message = grade_strdup(why);
    }
}

void grade_labres_problem(struct grade_labres *r, const char *tag, const char *sentence)
{
    grade_strv_add_once(&r->problems, tag);
    if (sentence)
        grade_strv_add_once(&r->notes, sentence);
}

void grade_labres_total(struct grade_labres *r)
{
    r->score = 0;
    r->max = 0;
    for (size_t i = 0; i < r->n; i++) {
        /* a speed part's share, to the hundredth of a point */
        r->tests[i].score = r->tests[i].speed
                            ? (double)(long long)(r->tests[i].credit * r->tests[i].points * 100 + 0.5) / 100
                            : r->tests[i].passed ? r->tests[i].points : 0;
        r->score += r->tests[i].score;
        r->max += r->tests[i].points;
    }
}
