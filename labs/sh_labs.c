/*
 * sh_labs.c - the labs, as the tree describes them.
 *
 * A lab is a folder lab<NN>_<topic> with a lab.mk (one "LAB.key := value"
 * line per key, the same file the Makefile and the grader read) and a
 * tests/points.txt.  Nothing here knows any lab by name.
 */
#include "sh.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void lab_free(struct sh_lab *lab)
{
    free(lab->name);
    sh_strs_free(&lab->student);
    sh_strs_free(&lab->tests);
    sh_strs_free(&lab->examples);
    sh_strs_free(&lab->deps);
    sh_strs_free(&lab->bench);
    for (int i = 0; i < lab->npoints; i++)
        free(lab->points[i].test);
    free(lab->points);
    memset(lab, 0, sizeof *lab);
}

void sh_labs_free(struct sh *sh)
{
    for (int i = 0; i < sh->nlabs; i++)
        lab_free(&sh->labs[i]);
    free(sh->labs);
    sh->labs = NULL;
    sh->nlabs = 0;
}

static void split_words(const char *s, struct sh_strs *out)
{
    while (*s) {
        while (*s && isspace((unsigned char)*s))
            s++;
        const char *e = s;
        while (*e && !isspace((unsigned char)*e))
            e++;
        if (e > s) {
            char *w = strndup(s, (size_t)(e - s));
            sh_strs_add(out, w);
            free(w);
        }
        s = e;
    }
}

/* "lab01_generators.student := gen.c" -> key "student", value "gen.c" */
static void parse_lab_mk(struct sh_lab *lab, const char *text)
{
    size_t nl = strlen(lab->name);
    const char *p = text;

    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = strndup(p, len);
        p += len + (eol ? 1 : 0);
        if (!line)
            continue;
        if (strncmp(line, lab->name, nl) == 0 && line[nl] == '.') {
            char *key = line + nl + 1;
            char *op = strstr(key, ":=");
            if (op) {
                char *k_end = op;
                while (k_end > key && isspace((unsigned char)k_end[-1]))
                    k_end--;
                *k_end = '\0';
                const char *val = op + 2;
                if (strcmp(key, "student") == 0)
                    split_words(val, &lab->student);
                else if (strcmp(key, "tests") == 0)
                    split_words(val, &lab->tests);
                else if (strcmp(key, "examples") == 0)
                    split_words(val, &lab->examples);
                else if (strcmp(key, "deps") == 0)
                    split_words(val, &lab->deps);
                else if (strcmp(key, "bench") == 0)
                    split_words(val, &lab->bench);
            }
        }
        free(line);
    }
}

static void parse_points(struct sh_lab *lab, const char *text)
{
    const char *p = text;

    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char name[256];
        int pts;
        char *line = strndup(p, len);

        p += len + (eol ? 1 : 0);
        if (!line)
            continue;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        if (sscanf(line, "%255s %d", name, &pts) == 2) {
            struct sh_points *v = realloc(lab->points, sizeof *v * (size_t)(lab->npoints + 1));
            if (v) {
                lab->points = v;
                v[lab->npoints].test = strdup(name);
                v[lab->npoints].points = pts;
                lab->npoints++;
                lab->max_points += pts;
            }
        }
        free(line);
    }
}

static int cmp_lab(const void *a, const void *b)
{
    return strcmp(((const struct sh_lab *)a)->name, ((const struct sh_lab *)b)->name);
}

int sh_labs_load(struct sh *sh)
{
    char *cur = NULL;
    DIR *d;
    struct dirent *e;

    if (sh->current >= 0 && sh->current < sh->nlabs)
        cur = strdup(sh->labs[sh->current].name);
    sh_labs_free(sh);
    sh->current = -1;
    d = opendir(sh->root);
    if (!d) {
        free(cur);
        return 0;
    }
    while ((e = readdir(d))) {
        char path[4096];
        char *text;
        struct sh_lab lab;

        if (strncmp(e->d_name, "lab", 3) != 0 || !isdigit((unsigned char)e->d_name[3]) ||
            !isdigit((unsigned char)e->d_name[4]) || e->d_name[5] != '_')
            continue;
        snprintf(path, sizeof path, "%s/%s/lab.mk", sh->root, e->d_name);
        text = sh_read_file(path, NULL);
        if (!text)
            continue;
        memset(&lab, 0, sizeof lab);
        lab.name = strdup(e->d_name);
        lab.number = atoi(e->d_name + 3);
        parse_lab_mk(&lab, text);
        free(text);
        snprintf(path, sizeof path, "%s/%s/tests/points.txt", sh->root, e->d_name);
        text = sh_read_file(path, NULL);
        if (text) {
            parse_points(&lab, text);
            free(text);
        }
        struct sh_lab *v = realloc(sh->labs, sizeof *v * (size_t)(sh->nlabs + 1));
        if (!v) {
            lab_free(&lab);
            break;
        }
        sh->labs = v;
        sh->labs[sh->nlabs++] = lab;
    }
    closedir(d);
    qsort(sh->labs, (size_t)sh->nlabs, sizeof *sh->labs, cmp_lab);
    for (int i = 0; cur && i < sh->nlabs; i++)
        if (strcmp(sh->labs[i].name, cur) == 0)
            sh->current = i;
    free(cur);
    return sh->nlabs;
}

const char *sh_lab_short(const struct sh_lab *lab, char *buf, size_t n)
{
    snprintf(buf, n, "%.5s", lab->name);
    return buf;
}

struct sh_lab *sh_lab_find(struct sh *sh, const char *name, bool complain)
{
    struct sh_lab *found = NULL;
    int matches = 0;

    if (!name || !*name)
        return NULL;
    /* exact name, then "lab01", "01", "1", then the topic or a prefix */
    for (int i = 0; i < sh->nlabs; i++)
        if (strcmp(sh->labs[i].name, name) == 0)
            return &sh->labs[i];
    {
        const char *digits = name;
        if (strncmp(digits, "lab", 3) == 0)
            digits += 3;
        char *end;
        long n = strtol(digits, &end, 10);
        if (end != digits && *end == '\0') {
            for (int i = 0; i < sh->nlabs; i++)
                if (sh->labs[i].number == n)
                    return &sh->labs[i];
        }
    }
    for (int i = 0; i < sh->nlabs; i++) {
        const char *topic = strchr(sh->labs[i].name, '_');
        if ((topic && strcmp(topic + 1, name) == 0)) {
            return &sh->labs[i];
        }
    }
    for (int i = 0; i < sh->nlabs; i++) {
        const char *topic = strchr(sh->labs[i].name, '_');
        if (strncmp(sh->labs[i].name, name, strlen(name)) == 0 ||
            (topic && strncmp(topic + 1, name, strlen(name)) == 0)) {
            found = &sh->labs[i];
            matches++;
        }
    }
    if (matches == 1)
        return found;
    if (complain) {
        struct sh_buf known = { 0 };
        for (int i = 0; i < sh->nlabs; i++)
            sh_buf_printf(&known, "%s%s", i ? ", " : "", sh->labs[i].name);
        if (matches > 1)
            sh_error("\"%s\" could be more than one lab: say which (%s).", name,
                     sh_buf_str(&known));
        else if (sh->nlabs == 0)
            sh_error("there is no lab \"%s\": no lab folder (lab0N_*) has a lab.mk under %s.",
                     name, sh->root);
        else
            sh_error("there is no lab \"%s\" in this tree (yet).  The labs are: %s.", name,
                     sh_buf_str(&known));
        sh_buf_free(&known);
    }
    return NULL;
}

struct sh_lab *sh_lab_default(struct sh *sh)
{
    if (sh->current >= 0 && sh->current < sh->nlabs)
        return &sh->labs[sh->current];
    if (sh->nlabs > 0)
        return &sh->labs[0];
    sh_error("no labs found under %s (no lab0N_* folder with a lab.mk).", sh->root);
    return NULL;
}

int sh_lab_points(const struct sh_lab *lab, const char *test)
{
    for (int i = 0; i < lab->npoints; i++)
        if (strcmp(lab->points[i].test, test) == 0)
            return lab->points[i].points;
    return 0;
}

char *sh_lab_path(const struct sh *sh, const struct sh_lab *lab, const char *file,
                  char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s/%s", sh->root, lab->name, file);
    return buf;
}

static int chain_add(struct sh *sh, struct sh_lab *lab, struct sh_lab **out, int n,
                     int max, int depth)
{
    if (depth > 32)
        return n;
    for (int i = 0; i < lab->deps.n; i++) {
        struct sh_lab *d = NULL;
        for (int j = 0; j < sh->nlabs; j++)
            if (strcmp(sh->labs[j].name, lab->deps.v[i]) == 0)
                d = &sh->labs[j];
        if (d)
            n = chain_add(sh, d, out, n, max, depth + 1);
    }
    for (int i = 0; i < n; i++)
        if (out[i] == lab)
            return n;
    if (n < max)
        out[n++] = lab;
    return n;
}

int sh_lab_chain(struct sh *sh, struct sh_lab *lab, struct sh_lab **out, int max)
{
    return chain_add(sh, lab, out, 0, max, 0);
}

bool sh_lab_has_reference(const struct sh *sh, const struct sh_lab *lab)
{
    for (int i = 0; i < lab->student.n; i++) {
        char path[4400], obj[4400];
        struct stat st;
        snprintf(path, sizeof path, "%s/solutions/%s/%s", sh->root, lab->name, lab->student.v[i]);
        snprintf(obj, sizeof obj, "%s/prebuilt/solutions/%s/%.*s.o", sh->root, lab->name,
                 (int)strcspn(lab->student.v[i], "."), lab->student.v[i]);
        if (stat(path, &st) != 0 && stat(obj, &st) != 0)
            return false;
    }
    return true;
}

const char *sh_example_find(struct sh *sh, const char *name, struct sh_lab **labp)
{
    const char *slash = strchr(name, '/');
    struct sh_lab *only = NULL;
    const char *ex = name;
    const char *found = NULL;
    struct sh_lab *found_lab = NULL;
    int matches = 0;

    if (slash) {
        char *labname = strndup(name, (size_t)(slash - name));
        only = sh_lab_find(sh, labname, true);
        free(labname);
        if (!only)
            return NULL;
        ex = slash + 1;
        /* "lab01/examples/fibo.c" works too */
        if (strncmp(ex, "examples/", 9) == 0)
            ex += 9;
    }
    char base[256];
    snprintf(base, sizeof base, "%s", ex);
    char *dot = strrchr(base, '.');
    if (dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".py") == 0))
        *dot = '\0';
    for (int i = 0; i < sh->nlabs; i++) {
        struct sh_lab *lab = &sh->labs[i];
        if (only && lab != only)
            continue;
        int k = sh_strs_find(&lab->examples, base);
        if (k >= 0) {
            found = lab->examples.v[k];
            found_lab = lab;
            matches++;
        }
    }
    if (matches == 1) {
        *labp = found_lab;
        return found;
    }
    if (matches > 1) {
        sh_error("more than one lab has an example \"%s\": say which, e.g. %s/%s.",
                 base, found_lab->name, base);
        return NULL;
    }
    struct sh_buf known = { 0 };
    for (int i = 0; i < sh->nlabs; i++) {
        if (only && &sh->labs[i] != only)
            continue;
        for (int k = 0; k < sh->labs[i].examples.n; k++)
            sh_buf_printf(&known, "%s%s", known.len ? ", " : "", sh->labs[i].examples.v[k]);
    }
    if (known.len)
        sh_error("there is no example \"%s\"%s%s.  Examples: %s.", base, only ? " in " : "",
                 only ? only->name : "", sh_buf_str(&known));
    else
        sh_error("there is no example \"%s\": no lab lists examples yet.", base);
    sh_buf_free(&known);
    return NULL;
}
