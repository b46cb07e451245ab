/* co_lab.c - the lab manifest reader (see co_lab.h). */
#include "co_lab.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "co_err.h"

/* Tooling, not lab code: running out of memory here ends the program. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q) {
        fputs("co_lab: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void co_lab_words_add(struct co_lab_words *w, const char *s)
{
    w->v = xrealloc(w->v, (w->n + 1) * sizeof *w->v);
    w->v[w->n++] = xstrndup(s, strlen(s));
}

int co_lab_words_has(const struct co_lab_words *w, const char *s)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->v[i], s) == 0)
            return 1;
    return 0;
}

void co_lab_words_free(struct co_lab_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    w->v = NULL;
    w->n = 0;
}

static int fail(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;

    if (err && n) {
        va_start(ap, fmt);
        vsnprintf(err, n, fmt, ap);
        va_end(ap);
    }
    return CO_EINVAL;
}

void co_lab_free(struct co_lab *lab)
{
    struct co_lab_words *lists[] = { &lab->student, &lab->given, &lab->deps, &lab->tests,
                                     &lab->examples, &lab->bench, &lab->ldlibs, &lab->calls,
                                     &lab->defines, &lab->syscalls };

    free(lab->name);
    free(lab->path);
    free(lab->title);
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        co_lab_words_free(lists[i]);
    for (size_t i = 0; i < lab->nsteps; i++) {
        free(lab->step[i].title);
        co_lab_words_free(&lab->step[i].funcs);
    }
    free(lab->step);
    for (size_t i = 0; i < lab->ntests; i++)
        free(lab->test[i].name);
    free(lab->test);
    free(lab->speed.name);
    memset(lab, 0, sizeof *lab);
}

/* The header keys that take a list of words, and where they go. */
static struct co_lab_words *list_key(struct co_lab *lab, const char *key)
{
    static const char *const names[] = { "student", "given", "deps", "tests", "examples",
                                         "bench", "ldlibs", "calls", "defines", "syscalls" };
    struct co_lab_words *lists[] = { &lab->student, &lab->given, &lab->deps, &lab->tests,
                                     &lab->examples, &lab->bench, &lab->ldlibs, &lab->calls,
                                     &lab->defines, &lab->syscalls };

    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(key, names[i]) == 0)
            return lists[i];
    return NULL;
}

/* Split s (modified) into words. */
static void split(char *s, struct co_lab_words *w)
{
    char *save = NULL;

    for (char *t = strtok_r(s, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save))
        co_lab_words_add(w, t);
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int is_name(const char *s)
{
    if (!*s || isdigit((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

/* One directive: line (comment cut, trimmed, non-empty) at lineno. */
static int directive(struct co_lab *lab, const char *path, int lineno, char *line,
                     unsigned *seen, char *err, size_t errlen)
{
    static const char *const header[] = { "lab", "title", "student", "given", "deps", "tests",
                                          "examples", "bench", "ldlibs", "calls", "defines",
                                          "syscalls" };
    size_t klen = strcspn(line, " \t");
    char *rest = trim(line + klen);
    struct co_lab_words words = { 0 };
    int r = CO_OK;

    line[klen] = '\0';
    for (size_t i = 0; i < sizeof header / sizeof *header; i++) {
        if (strcmp(line, header[i]) != 0)
            continue;
        if (lab->nsteps)
            return fail(err, errlen, "%s:%d: \"%s\" is a header key: it must come before the "
                        "first \"step\" line", path, lineno, line);
        if (*seen & (1u << i))
            return fail(err, errlen, "%s:%d: \"%s\" is given twice (each header key once)",
                        path, lineno, line);
        *seen |= 1u << i;
        if (strcmp(line, "title") == 0) {
            free(lab->title);
            lab->title = xstrndup(rest, strlen(rest));
            return CO_OK;
        }
        split(rest, &words);
        if (strcmp(line, "lab") == 0) {
            if (words.n != 1)
                r = fail(err, errlen, "%s:%d: \"lab\" takes one word, the lab's folder name",
                         path, lineno);
            else if (lab->name && strcmp(lab->name, words.v[0]) != 0)
                r = fail(err, errlen, "%s:%d: \"lab %s\" in the folder %s: the name must be the "
                         "folder's name", path, lineno, words.v[0], lab->name);
            else if (!lab->name)
                lab->name = xstrndup(words.v[0], strlen(words.v[0]));
        } else {
            struct co_lab_words *to = list_key(lab, line);

            for (size_t k = 0; k < words.n; k++)
                co_lab_words_add(to, words.v[k]);
        }
        co_lab_words_free(&words);
        return r;
    }
    if (strcmp(line, "step") == 0) {
        char *end;
        long k = strtol(rest, &end, 10);
        struct co_lab_step *st;

        if (end == rest || (*end && *end != ' ' && *end != '\t'))
            return fail(err, errlen, "%s:%d: expected \"step NUMBER TITLE\"", path, lineno);
        if (k != (long)lab->nsteps + 1)
            return fail(err, errlen, "%s:%d: step %ld comes after step %zu: steps are numbered "
                        "1, 2, ... in order", path, lineno, k, lab->nsteps);
        if (lab->nsteps && !lab->step[lab->nsteps - 1].ntests)
            return fail(err, errlen, "%s:%d: step %zu has no \"test\" line", path, lineno,
                        lab->nsteps);
        end = trim(end);
        if (!*end)
            return fail(err, errlen, "%s:%d: step %ld has no title", path, lineno, k);
        lab->step = xrealloc(lab->step, (lab->nsteps + 1) * sizeof *lab->step);
        st = &lab->step[lab->nsteps++];
        memset(st, 0, sizeof *st);
        st->number = (int)k;
        st->title = xstrndup(end, strlen(end));
        st->first = lab->ntests;
        return CO_OK;
    }
    if (strcmp(line, "speed") == 0) {
        struct co_lab_step *st = lab->nsteps ? &lab->step[lab->nsteps - 1] : NULL;
        char *e1 = NULL, *e2 = NULL;
        double ops, pts;

        if (!st)
            return fail(err, errlen, "%s:%d: \"speed\" before the first \"step\" line", path,
                        lineno);
        split(rest, &words);
        ops = words.n == 3 ? strtod(words.v[1], &e1) : 0;
        pts = words.n == 3 ? strtod(words.v[2], &e2) : 0;
        if (words.n != 3 || !is_name(words.v[0]))
            r = fail(err, errlen, "%s:%d: expected \"speed NAME OPERATIONS POINTS\"", path,
                     lineno);
        else if (lab->speed.name)
            r = fail(err, errlen, "%s:%d: a lab has at most one \"speed\" line", path, lineno);
        else if (e1 == words.v[1] || *e1 || !(ops >= 1 && ops <= 1e9))
            r = fail(err, errlen, "%s:%d: \"%s\": the operations must be a number from 1 to "
                     "1e9", path, lineno, words.v[1]);
        else if (e2 == words.v[2] || *e2 || !(pts >= 0 && pts <= 1e6))
            r = fail(err, errlen, "%s:%d: \"%s\": the points must be a number >= 0 "
                     "(decimals allowed: 2.5)", path, lineno, words.v[2]);
        else {
            lab->speed.name = xstrndup(words.v[0], strlen(words.v[0]));
            lab->speed.ops = ops;
            lab->speed.points = pts;
            lab->speed.step = st->number;
            lab->max_points += pts;
        }
        co_lab_words_free(&words);
        return r;
    }
    if (strcmp(line, "funcs") == 0 || strcmp(line, "test") == 0) {
        struct co_lab_step *st = lab->nsteps ? &lab->step[lab->nsteps - 1] : NULL;

        if (!st)
            return fail(err, errlen, "%s:%d: \"%s\" before the first \"step\" line", path,
                        lineno, line);
        split(rest, &words);
        if (line[0] == 'f') {
            for (size_t k = 0; k < words.n && r == CO_OK; k++) {
                if (!is_name(words.v[k]))
                    r = fail(err, errlen, "%s:%d: \"%s\" is not a C function name", path,
                             lineno, words.v[k]);
                else
                    co_lab_words_add(&st->funcs, words.v[k]);
            }
        } else {
            char *end = NULL;
            double pts = words.n == 2 ? strtod(words.v[1], &end) : 0;

            if (words.n != 2 || !is_name(words.v[0]))
                r = fail(err, errlen, "%s:%d: expected \"test TEST_NAME POINTS\"", path, lineno);
            else if (end == words.v[1] || *end || !(pts >= 0 && pts <= 1e6))
                r = fail(err, errlen, "%s:%d: \"%s\": the points must be a number >= 0 "
                         "(decimals allowed: 2.5)", path, lineno, words.v[1]);
            else if (co_lab_test_find(lab, words.v[0]))
                r = fail(err, errlen, "%s:%d: test %s is listed twice", path, lineno,
                         words.v[0]);
            else {
                lab->test = xrealloc(lab->test, (lab->ntests + 1) * sizeof *lab->test);
                lab->test[lab->ntests].name = xstrndup(words.v[0], strlen(words.v[0]));
                lab->test[lab->ntests].points = pts;
                lab->test[lab->ntests].step = st->number;
                lab->ntests++;
                st->ntests++;
                lab->max_points += pts;
            }
        }
        co_lab_words_free(&words);
        return r;
    }
    return fail(err, errlen, "%s:%d: unknown directive \"%s\" (header keys: lab title student "
                "given deps tests examples bench ldlibs calls defines syscalls; then step, "
                "funcs, test, speed)", path, lineno, line);
}

int co_lab_parse(const char *path, const char *name, const char *text, struct co_lab *lab,
                 char *err, size_t errlen)
{
    unsigned seen = 0;
    int lineno = 0, r = CO_OK;

    memset(lab, 0, sizeof *lab);
    lab->path = xstrndup(path, strlen(path));
    if (name)
        lab->name = xstrndup(name, strlen(name));
    for (const char *p = text; *p && r == CO_OK;) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len), *t;

        lineno++;
        p += len + (p[len] == '\n');
        line[strcspn(line, "#")] = '\0';
        t = trim(line);
        if (*t)
            r = directive(lab, path, lineno, t, &seen, err, errlen);
        free(line);
    }
    if (r != CO_OK)
        return r;
    if (!(seen & 1u))
        return fail(err, errlen, "%s: no \"lab NAME\" line", path);
    if (!lab->title)
        lab->title = xstrndup("", 0);
    if (!lab->student.n)
        return fail(err, errlen, "%s: no \"student\" line: which files does the student write?",
                    path);
    for (size_t i = 0; i < lab->student.n + lab->given.n; i++) {
        const char *f = i < lab->student.n ? lab->student.v[i] : lab->given.v[i - lab->student.n];

        if (strchr(f, '/'))
            return fail(err, errlen, "%s: %s must be a base name (a file of the lab's folder)",
                        path, f);
    }
    if (!lab->tests.n)
        return fail(err, errlen, "%s: no \"tests\" line (the test sources, check_main.c first)",
                    path);
    if (!lab->nsteps)
        return fail(err, errlen, "%s: no \"step\": every graded test belongs to a step", path);
    if (!lab->step[lab->nsteps - 1].ntests)
        return fail(err, errlen, "%s: step %zu has no \"test\" line", path, lab->nsteps);
    return CO_OK;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t len = 0, cap = 0, got;

    if (!f)
        return NULL;
    do {
        if (cap - len < 4096)
            text = xrealloc(text, cap = cap * 2 + 4096);
        got = fread(text + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0 && len < (1u << 20));
    fclose(f);
    text[len] = '\0';
    return text;
}

int co_lab_load(const char *root, const char *name, struct co_lab *lab, char *err, size_t errlen)
{
    size_t n = strlen(root) + strlen(name) + 16;
    char *path = xrealloc(NULL, n), *text;
    int r;

    memset(lab, 0, sizeof *lab);
    snprintf(path, n, "%s/%s/lab.mk", root, name);
    text = read_text(path);
    if (!text) {
        r = fail(err, errlen, "no lab %s: cannot read %s: %s", name, path, strerror(errno));
        free(path);
        return r;
    }
    r = co_lab_parse(path, name, text, lab, err, errlen);
    free(text);
    free(path);
    return r;
}

static int closure_of(const char *root, const struct co_lab *lab, struct co_lab_words *out,
                      struct co_lab_words *visiting, char *err, size_t errlen)
{
    int r = CO_OK;

    co_lab_words_add(visiting, lab->name);
    for (size_t i = 0; i < lab->deps.n && r == CO_OK; i++) {
        const char *d = lab->deps.v[i];
        struct co_lab dep;

        if (co_lab_words_has(visiting, d))
            return fail(err, errlen, "%s: %s depends on itself through %s", lab->path,
                        lab->name, d);
        if (co_lab_words_has(out, d))
            continue;
        r = co_lab_load(root, d, &dep, err, errlen);
        if (r == CO_OK)
            r = closure_of(root, &dep, out, visiting, err, errlen);
        if (r == CO_OK && !co_lab_words_has(out, d))
            co_lab_words_add(out, d);
        co_lab_free(&dep);
    }
    free(visiting->v[--visiting->n]);
    return r;
}

int co_lab_closure(const char *root, const struct co_lab *lab, struct co_lab_words *out,
                   char *err, size_t errlen)
{
    struct co_lab_words visiting = { 0 };
    int r = closure_of(root, lab, out, &visiting, err, errlen);

    co_lab_words_free(&visiting);
    return r;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int co_lab_list(const char *root, struct co_lab_words *names)
{
    DIR *d = opendir(root);
    struct dirent *e;

    if (!d)
        return fail(NULL, 0, "%s", root);
    while ((e = readdir(d))) {
        size_t n = strlen(root) + strlen(e->d_name) + 16;
        char *path;
        struct stat st;

        if (strncmp(e->d_name, "lab0", 4) != 0)
            continue;
        path = xrealloc(NULL, n);
        snprintf(path, n, "%s/%s/lab.mk", root, e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            co_lab_words_add(names, e->d_name);
        free(path);
    }
    closedir(d);
    if (names->n)
        qsort(names->v, names->n, sizeof *names->v, cmp_str);
    return CO_OK;
}

const struct co_lab_test *co_lab_test_find(const struct co_lab *lab, const char *name)
{
    for (size_t i = 0; i < lab->ntests; i++)
        if (strcmp(lab->test[i].name, name) == 0)
            return &lab->test[i];
    return NULL;
}

const struct co_lab_step *co_lab_step_of_func(const struct co_lab *lab, const char *func)
{
    for (size_t i = 0; i < lab->nsteps; i++)
        if (co_lab_words_has(&lab->step[i].funcs, func))
            return &lab->step[i];
    return NULL;
}

const char *co_lab_points_str(double points, char *buf, size_t n)
{
    snprintf(buf, n, "%.10g", points);
    return buf;
}
