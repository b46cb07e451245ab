/*
 * sh_labs.c - the labs, as the tree describes them.
 *
 * A lab is a folder lab<NN>_<topic> with a manifest lab.mk, read by
 * common/co_lab.c (the reader the grader uses too).  Nothing here knows
 * any lab by name.
 */
#include "sh.h"

#include "co_err.h"
#include "co_lab.h"

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
    if (lab->manifest)
        co_lab_free(lab->manifest);
    free(lab->manifest);
    free(lab->error);
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

static void words_to(struct sh_strs *to, const struct co_lab_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        sh_strs_add(to, w->v[i]);
}

/* Fill lab from its manifest (co_lab.c, the one reader). */
static void load_manifest(struct sh *sh, struct sh_lab *lab)
{
    struct co_lab *m = calloc(1, sizeof *m);
    struct co_lab_words deps = { 0 };
    char err[1024];

    if (!m)
        return;
    if (co_lab_load(sh->root, lab->name, m, err, sizeof err) != CO_OK ||
        co_lab_closure(sh->root, m, &deps, err, sizeof err) != CO_OK) {
        lab->error = strdup(err);
        co_lab_free(m);
        free(m);
        co_lab_words_free(&deps);
        return;
    }
    words_to(&lab->student, &m->student);
    words_to(&lab->tests, &m->tests);
    words_to(&lab->examples, &m->examples);
    words_to(&lab->deps, &deps);
    words_to(&lab->bench, &m->bench);
    co_lab_words_free(&deps);
    lab->points = calloc(m->ntests ? m->ntests : 1, sizeof *lab->points);
    for (size_t i = 0; lab->points && i < m->ntests; i++) {
        lab->points[i].test = strdup(m->test[i].name);
        lab->points[i].points = m->test[i].points;
        lab->points[i].step = m->test[i].step;
        lab->npoints++;
    }
    lab->max_points = m->max_points;
    /* The speed part counts only where the grader can time it, against
     * the reference's sources (grader/grade_build.c, prepare_speed):
     * elsewhere (a handout) it is worth 0 of 0 points. */
    for (size_t i = 0; m->speed.name && i < m->student.n; i++) {
        char path[4400];
        struct stat st;

        snprintf(path, sizeof path, "%s/solutions/%s/%s", sh->root, lab->name, m->student.v[i]);
        if (stat(path, &st) != 0) {
            lab->max_points -= m->speed.points;
            break;
        }
    }
    lab->manifest = m;
}

/* A handout (no solutions/) that ships LAB's reference compiled gives LAB:
 * its folder is there for its headers, its student files are skeletons. */
static bool handout_gives(const struct sh *sh, const char *lab)
{
    char path[4400];
    struct stat st;

    snprintf(path, sizeof path, "%s/solutions", sh->root);
    if (stat(path, &st) == 0)
        return false;
    snprintf(path, sizeof path, "%s/prebuilt/solutions/%s", sh->root, lab);
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
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
        struct stat st;
        struct sh_lab lab;

        if (strncmp(e->d_name, "lab", 3) != 0 || !isdigit((unsigned char)e->d_name[3]) ||
            !isdigit((unsigned char)e->d_name[4]) || e->d_name[5] != '_')
            continue;
        snprintf(path, sizeof path, "%s/%s/lab.mk", sh->root, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        memset(&lab, 0, sizeof lab);
        lab.name = strdup(e->d_name);
        lab.number = atoi(e->d_name + 3);
        load_manifest(sh, &lab);
        lab.given = handout_gives(sh, lab.name);
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
    for (int i = 0; i < sh->nlabs; i++)
        if (!sh->labs[i].given)
            return &sh->labs[i];
    if (sh->nlabs > 0)
        return &sh->labs[0];
    sh_error("no labs found under %s (no lab0N_* folder with a lab.mk).", sh->root);
    return NULL;
}

bool sh_lab_handed_out(const struct sh_lab *lab)
{
    if (!lab->given)
        return true;
    sh_error("%s is not handed out here: its reference is given, compiled (prebuilt/), and "
             "your labs are tested and graded against it.  `bin/labs list` shows your labs.",
             lab->name);
    return false;
}

double sh_lab_points(const struct sh_lab *lab, const char *test)
{
    for (int i = 0; i < lab->npoints; i++)
        if (strcmp(lab->points[i].test, test) == 0)
            return lab->points[i].points;
    return 0;
}

int sh_lab_test_step(const struct sh_lab *lab, const char *test)
{
    for (int i = 0; test && i < lab->npoints; i++)
        if (strcmp(lab->points[i].test, test) == 0)
            return lab->points[i].step;
    return 0;
}

const char *sh_pts(double points)
{
    static char buf[8][32];
    static int next;
    char *b = buf[next++ % 8];

    return co_lab_points_str(points, b, sizeof buf[0]);
}

char *sh_lab_path(const struct sh *sh, const struct sh_lab *lab, const char *file,
                  char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s/%s", sh->root, lab->name, file);
    return buf;
}

int sh_lab_chain(struct sh *sh, struct sh_lab *lab, struct sh_lab **out, int max)
{
    int n = 0;

    /* lab->deps is the closure already, earliest first (co_lab_closure) */
    for (int i = 0; i < lab->deps.n && n < max; i++)
        for (int j = 0; j < sh->nlabs; j++)
            if (strcmp(sh->labs[j].name, lab->deps.v[i]) == 0)
                out[n++] = &sh->labs[j];
    if (n < max)
        out[n++] = lab;
    return n;
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
