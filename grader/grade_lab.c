/* grade_lab.c - lab.mk, points tables and hidden suites (see grade_lab.h). */
#include "grade_lab.h"

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

/* The value of "name.key := value" (or "=") in the lab.mk text, or NULL. */
static char *mk_value(const char *text, const char *name, const char *key)
{
    size_t ln = strlen(name), lk = strlen(key);

    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *q = p, *eol;

        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, name, ln) != 0 || q[ln] != '.' || strncmp(q + ln + 1, key, lk) != 0)
            continue;
        q += ln + 1 + lk;
        while (*q == ' ' || *q == '\t')
            q++;
        if (q[0] == ':' && q[1] == '=')
            q += 2;
        else if (q[0] == '=')
            q += 1;
        else
            continue;
        eol = strchr(q, '\n');
        if (!eol)
            eol = q + strlen(q);
        {
            char *v = grade_calloc((size_t)(eol - q) + 1, 1);

            memcpy(v, q, (size_t)(eol - q));
            return v;
        }
    }
    return NULL;
}

static void mk_words(const char *text, const char *name, const char *key,
                     struct grade_strv *out)
{
    char *v = mk_value(text, name, key);

    if (v)
        grade_strv_split(out, v);
    free(v);
}

int grade_lab_load(const char *root, const char *name, struct grade_lab *lab,
                   struct grade_buf *err)
{
    struct grade_buf text;
    struct grade_strv files = { 0 };
    char *mk, *points;
    int r;

    memset(lab, 0, sizeof *lab);
    lab->name = grade_strdup(name);
    lab->dir = grade_path(root, name);
    mk = grade_path(lab->dir, "lab.mk");
    grade_buf_init(&text);
    r = grade_fs_read(mk, 1 << 20, &text, NULL);
    if (r != 0) {
        grade_buf_addf(err, "no lab %s: cannot read %s: %s", name, mk, strerror(-r));
        free(mk);
        grade_buf_destroy(&text);
        return -1;
    }
    free(mk);
    mk_words(grade_buf_str(&text), name, "student", &lab->student);
    mk_words(grade_buf_str(&text), name, "given", &lab->given);
    mk_words(grade_buf_str(&text), name, "tests", &lab->tests);
    mk_words(grade_buf_str(&text), name, "deps", &lab->deps);
    mk_words(grade_buf_str(&text), name, "ldlibs", &lab->ldlibs);
    grade_buf_destroy(&text);
    if (!lab->student.n || !lab->tests.n) {
        grade_buf_addf(err, "%s/lab.mk names no %s", lab->dir,
                       lab->student.n ? "tests" : "student file");
        return -1;
    }
    for (size_t i = 0; i < lab->student.n; i++) {
        if (strchr(lab->student.v[i], '/')) {
            grade_buf_addf(err, "%s/lab.mk: student file %s must be a base name",
                           lab->dir, lab->student.v[i]);
            return -1;
        }
    }
    grade_fs_list(lab->dir, &files);
    for (size_t i = 0; i < files.n; i++) {
        size_t len = strlen(files.v[i]);

        if (len > 2 && strcmp(files.v[i] + len - 2, ".h") == 0)
            grade_strv_add(&lab->headers, files.v[i]);
    }
    grade_strv_free(&files);
    points = grade_path(lab->dir, "tests/points.txt");
    r = grade_points_load(points, &lab->points, err);
    free(points);
    return r;
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
    grade_strv_free(&lab->headers);
    grade_points_free(&lab->points);
    memset(lab, 0, sizeof *lab);
}

int grade_lab_list(const char *root, struct grade_strv *names)
{
    struct grade_strv all = { 0 };
    int r = grade_fs_list(root, &all);

    for (size_t i = 0; i < all.n; i++) {
        char *mk;

        if (strncmp(all.v[i], "lab0", 4) != 0)
            continue;
        mk = grade_strf("%s/%s/lab.mk", root, all.v[i]);
        if (grade_fs_is_file(mk))
            grade_strv_add(names, all.v[i]);
        free(mk);
    }
    grade_strv_free(&all);
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
