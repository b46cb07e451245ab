/* grade_lab.c - lab.mk, points tables and hidden suites (see grade_lab.h). */
#include "grade_lab.h"

#include "co_err.h"
#include "co_lab.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade_fs.h"

/* Cut leading and trailing blanks off s in place; returns s. */
static char *trim(char *s)
{
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

int grade_points_load(const char *path, struct grade_points *pt, struct grade_buf *err)
{
    struct grade_buf text;
    char *line, *save = NULL;
    int lineno = 0, r;

    pt->v = NULL;
    pt->n = 0;
    grade_buf_init(&text);
    r = grade_fs_read(path, 1 << 20, &text, NULL);
    if (r != 0) {
        grade_buf_addf(err, "cannot read %s: %s", path, strerror(-r));
        grade_buf_destroy(&text);
        return -1;
    }
    for (line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save);
         line; line = strtok_r(NULL, "\n", &save)) {
        char name[256], *hash = strchr(line, '#'), *end;
        double pts;
        int used = 0;

        lineno++;
        if (hash)
            *hash = '\0';
        line = trim(line);
        if (!*line)
            continue;
        if (sscanf(line, "%255s %n", name, &used) != 1 || !line[used]) {
            grade_buf_addf(err, "%s: \"%s\": expected \"test_name points\"", path, line);
            goto fail;
        }
        pts = strtod(line + used, &end);
        if (end == line + used || *trim(end) || pts < 0 || pts > 1e6) {
            grade_buf_addf(err, "%s: \"%s\": the points must be a number >= 0", path, line);
            goto fail;
        }
        if (grade_points_find(pt, name) >= 0) {
            grade_buf_addf(err, "%s: %s is listed twice", path, name);
            goto fail;
        }
        pt->v = grade_realloc(pt->v, pt->n + 1, sizeof *pt->v);
        pt->v[pt->n].name = grade_strdup(name);
        pt->v[pt->n].points = pts;
        pt->n++;
    }
    grade_buf_destroy(&text);
    return 0;
fail:
    grade_buf_destroy(&text);
    grade_points_free(pt);
    return -1;
}

void grade_points_free(struct grade_points *pt)
{
    for (size_t i = 0; i < pt->n; i++)
        free(pt->v[i].name);
    free(pt->v);
    pt->v = NULL;
    pt->n = 0;
}

long grade_points_find(const struct grade_points *pt, const char *name)
{
    for (size_t i = 0; i < pt->n; i++)
        if (strcmp(pt->v[i].name, name) == 0)
            return (long)i;
    return -1;
}

double grade_points_total(const struct grade_points *pt)
{
    double sum = 0;

    for (size_t i = 0; i < pt->n; i++)
        sum += pt->v[i].points;
    return sum;
}

static void from_words(struct grade_strv *to, const struct co_lab_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        grade_strv_add(to, w->v[i]);
}

int grade_lab_load(const char *root, const char *name, struct grade_lab *lab,
                   struct grade_buf *err)
{
    struct co_lab m;
    struct co_lab_words deps = { 0 };
    struct grade_strv files = { 0 };
    char why[1024];

    memset(lab, 0, sizeof *lab);
    lab->name = grade_strdup(name);
    lab->dir = grade_path(root, name);
    if (co_lab_load(root, name, &m, why, sizeof why) != CO_OK ||
        co_lab_closure(root, &m, &deps, why, sizeof why) != CO_OK) {
        grade_buf_adds(err, why);
        co_lab_free(&m);
        co_lab_words_free(&deps);
        return -1;
    }
    from_words(&lab->student, &m.student);
    from_words(&lab->given, &m.given);
    from_words(&lab->tests, &m.tests);
    from_words(&lab->deps, &deps);
    from_words(&lab->ldlibs, &m.ldlibs);
    from_words(&lab->calls, &m.calls);
    from_words(&lab->defines, &m.defines);
    from_words(&lab->syscalls, &m.syscalls);
    lab->points.v = grade_calloc(m.ntests ? m.ntests : 1, sizeof *lab->points.v);
    for (size_t i = 0; i < m.ntests; i++) {
        lab->points.v[i].name = grade_strdup(m.test[i].name);
        lab->points.v[i].points = m.test[i].points;
    }
    lab->points.n = m.ntests;
    if (m.speed.name) {
        lab->speed.name = grade_strdup(m.speed.name);
        lab->speed.ops = m.speed.ops;
        lab->speed.points = m.speed.points;
        lab->speed.step = m.speed.step;
        for (size_t i = 0; i < m.ntests; i++)
            if (m.test[i].step <= m.speed.step)
                grade_strv_add(&lab->speed.gate, m.test[i].name);
    }
    co_lab_free(&m);
    co_lab_words_free(&deps);
    grade_fs_list(lab->dir, &files);
    for (size_t i = 0; i < files.n; i++) {
        size_t len = strlen(files.v[i]);

        if (len > 2 && strcmp(files.v[i] + len - 2, ".h") == 0)
            grade_strv_add(&lab->headers, files.v[i]);
    }
    grade_strv_free(&files);
    return 0;
}

void grade_lab_free(struct grade_lab *lab)
{
    free(lab->name);
    free(lab->dir);
    grade_strv_free(&lab->student);
    grade_strv_free(&lab->given);
    grade_strv_free(&lab->tests);
    grade_strv_free(&lab->deps);
    grade_strv_free(&lab->ldlibs);
    grade_strv_free(&lab->calls);
    grade_strv_free(&lab->defines);
    grade_strv_free(&lab->syscalls);
    grade_strv_free(&lab->headers);
    grade_points_free(&lab->points);
    free(lab->speed.name);
    grade_strv_free(&lab->speed.gate);
    memset(lab, 0, sizeof *lab);
}

int grade_lab_list(const char *root, struct grade_strv *names)
{
    struct co_lab_words w = { 0 };
    int r = co_lab_list(root, &w);

    from_words(names, &w);
    co_lab_words_free(&w);
    return r;
}

int grade_hidden_load(const char *root, const struct grade_lab *lab, int only_lab,
                      struct grade_hidden *h, struct grade_buf *err)
{
    struct grade_strv files = { 0 };
    char *dir = grade_path(root, lab->name), *points;

    memset(h, 0, sizeof *h);
    if (!grade_fs_is_dir(dir)) {
        free(dir);
        points = grade_path(root, "points.txt");
        if (!only_lab || !grade_fs_is_file(points)) {
            free(points);
            return 1;
        }
        free(points);
        dir = grade_strdup(root);
    }
    h->dir = grade_realpath(dir);
    free(dir);
    if (!h->dir) {
        grade_buf_addf(err, "hidden suite of %s: cannot resolve its folder", lab->name);
        return -1;
    }
    points = grade_path(h->dir, "points.txt");
    if (grade_points_load(points, &h->points, err) != 0) {
        free(points);
        grade_hidden_free(h);
        return -1;
    }
    free(points);
    grade_fs_list(h->dir, &files);
    for (size_t i = 0; i < files.n; i++) {
        size_t len = strlen(files.v[i]);

        if (len > 2 && strcmp(files.v[i] + len - 2, ".c") == 0)
            grade_strv_addf(&h->sources, "%s/%s", h->dir, files.v[i]);
    }
    grade_strv_free(&files);
    if (!h->sources.n || !h->points.n) {
        grade_buf_addf(err, "hidden suite %s: expected *.c test sources and a points.txt",
                       h->dir);
        grade_hidden_free(h);
        return -1;
    }
    for (size_t i = 0; i < h->points.n; i++) {
        if (grade_points_find(&lab->points, h->points.v[i].name) >= 0) {
            grade_buf_addf(err, "hidden suite %s: test %s is also a public test of %s",
                           h->dir, h->points.v[i].name, lab->name);
            grade_hidden_free(h);
            return -1;
        }
    }
    return 0;
}

void grade_hidden_free(struct grade_hidden *h)
{
    free(h->dir);
    grade_strv_free(&h->sources);
    grade_points_free(&h->points);
    memset(h, 0, sizeof *h);
}
