/*
 * sh_todo.c - "which function do I write next?"
 *
 * Every hole in a skeleton carries a comment like
 *     LAB 1.3: write a body with ... Checked by check_macros.c "seed generators".
 * (STYLE.md: skeleton holes name their test).  The manifest (lab.mk) is
 * the authority: a failing test belongs to one step, the step names the
 * functions it asks for, so the function to write is the step's first
 * one that still holds a TODO (or its first one; a step that asks for no
 * new function sends the student back to the last one that did).  Only a
 * test the manifest does not know falls back on the TODO comments that
 * name its test file and tcase, then on the first TODO left.
 */
#include "sh.h"

#include "co_lab.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct todo_block {
    int line;          /* first line of the comment */
    char *text;        /* the comment, lines joined with spaces */
    char marker[32];   /* "LAB 1.3" */
    int step;
};

/* The comments of a file that carry a "LAB n.m" marker. */
static int find_blocks(const char *text, struct todo_block **out)
{
    int n = 0, line = 1;
    const char *p = text;
    struct todo_block *v = NULL;

    while (*p) {
        if (p[0] == '/' && p[1] == '*') {
            int start = line;
            const char *end = strstr(p + 2, "*/");
            if (!end)
                end = p + strlen(p);
            struct sh_buf b = { 0 };
            for (const char *q = p + 2; q < end; q++) {
                if (*q == '\n') {
                    line++;
                    sh_buf_add(&b, " ", 1);
                    while (q + 1 < end && (q[1] == ' ' || q[1] == '*' || q[1] == '\t'))
                        q++;
                } else {
                    sh_buf_add(&b, q, 1);
                }
            }
            const char *m = strstr(sh_buf_str(&b), "LAB ");
            int labno, step;
            if (m && sscanf(m, "LAB %d.%d", &labno, &step) == 2) {
                struct todo_block *nv = realloc(v, sizeof *v * (size_t)(n + 1));
                if (nv) {
                    v = nv;
                    v[n].line = start;
                    v[n].text = b.s ? b.s : strdup("");
                    snprintf(v[n].marker, sizeof v[n].marker, "LAB %d.%d", labno, step);
                    v[n].step = step;
                    n++;
                    b.s = NULL;
                }
            }
            sh_buf_free(&b);
            p = *end ? end + 2 : end;
            continue;
        }
        if (*p == '\n')
            line++;
        p++;
    }
    *out = v;
    return n;
}

static void free_blocks(struct todo_block *v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i].text);
    free(v);
}

/* The function whose body holds line `at`: the closest line above it
 * that starts in column 0 with a declaration containing '('. */
static int enclosing_function(const char *text, int at, char *name, size_t n)
{
    int line = 1, best = 0;
    const char *p = text;

    name[0] = '\0';
    while (*p && line <= at) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > 0 && (isalpha((unsigned char)p[0]) || p[0] == '_')) {
            const char *paren = memchr(p, '(', len);
            bool is_decl = paren && !memchr(p, ';', len) && !memchr(p, '=', (size_t)(paren - p)) &&
                           strncmp(p, "typedef", 7) != 0 && strncmp(p, "return", 6) != 0;
            if (is_decl) {
                const char *e = paren;
                while (e > p && isspace((unsigned char)e[-1]))
                    e--;
                const char *s = e;
                while (s > p && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
                    s--;
                if (e > s && (size_t)(e - s) < n) {
                    memcpy(name, s, (size_t)(e - s));
                    name[e - s] = '\0';
                    best = line;
                }
            }
        }
        if (!eol)
            break;
        p = eol + 1;
        line++;
    }
    return best;
}

static void fill(struct sh_todo *t, struct sh_lab *lab, const char *file, const char *text,
                 const struct todo_block *b)
{
    snprintf(t->file, sizeof t->file, "%s/%s", lab->name, file);
    if (b) {
        t->todo_left = true;
        snprintf(t->marker, sizeof t->marker, "%s", b->marker);
        t->step = b->step;
        t->line = enclosing_function(text, b->line, t->func, sizeof t->func);
        if (!t->line)
            t->line = b->line;
    }
}

/* Where function `func` is defined in text: its line (0: not there), and
 * whether a "LAB n.m" TODO is left inside its body (into marker: the one
 * of step `want` if there is one, else the first). */
static int find_function(const char *text, const char *func, int want, bool *todo, char *marker,
                         size_t mn)
{
    size_t fl = strlen(func);
    int line = 1, def = 0;

    *todo = false;
    marker[0] = '\0';
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);

        if (!def && len > fl && (isalpha((unsigned char)p[0]) || p[0] == '_') &&
            !memchr(p, ';', len)) {
            for (const char *q = p; q + fl < p + len; q++)
                if (strncmp(q, func, fl) == 0 && q[fl] == '(' &&
                    (q == p || !(isalnum((unsigned char)q[-1]) || q[-1] == '_'))) {
                    def = line;
                    break;
                }
        } else if (def) {
            if (p[0] == '}')
                break;
            const char *m = memchr(p, 'L', len);
            int a, b;
            while (m && m < p + len) {
                if (sscanf(m, "LAB %d.%d", &a, &b) == 2) {
                    if (!*todo || b == want)
                        snprintf(marker, mn, "LAB %d.%d", a, b);
                    *todo = true;
                    break;
                }
                m = memchr(m + 1, 'L', (size_t)(p + len - m - 1));
            }
        }
        if (!eol)
            break;
        p = eol + 1;
        line++;
    }
    return def;
}

/* Step `step` of the manifest: the function to write (see the top). */
static int todo_for_step(struct sh *sh, struct sh_lab *lab, int step, struct sh_todo *t,
                         bool only_todo)
{
    char path[4400];

    for (int k = step; k >= 1 && lab->manifest && (size_t)k <= lab->manifest->nsteps; k--) {
        const struct co_lab_words *funcs = &lab->manifest->step[k - 1].funcs;
        bool found = false;

        for (int pass = 0; pass < 2 && !found; pass++) {
            for (size_t f = 0; f < funcs->n && !found; f++) {
                for (int i = 0; i < lab->student.n && !found; i++) {
                    char *text = sh_read_file(sh_lab_path(sh, lab, lab->student.v[i], path,
                                                          sizeof path), NULL);
                    bool todo;
                    char marker[32];
                    int line = text ? find_function(text, funcs->v[f], step, &todo, marker,
                                                    sizeof marker) : 0;

                    if (line && (todo || pass == 1)) {
                        memset(t, 0, sizeof *t);
                        snprintf(t->file, sizeof t->file, "%s/%s", lab->name, lab->student.v[i]);
                        snprintf(t->func, sizeof t->func, "%s", funcs->v[f]);
                        snprintf(t->marker, sizeof t->marker, "%s", todo ? marker : "");
                        t->line = line;
                        t->step = step;
                        t->todo_left = todo;
                        found = true;
                    }
                    free(text);
                }
            }
            if (only_todo)
                break;
        }
        if (found)
            return 0;
        if (funcs->n && only_todo)
            return -1;
        if (funcs->n)
            break;
    }
    return -1;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The test source that defines `test` (START_TEST(test)), or NULL. */
static char *defining_file(struct sh *sh, struct sh_lab *lab, const char *test)
{
    char path[4400], pat[300];

    snprintf(pat, sizeof pat, "START_TEST(%s)", test);
    for (int i = 0; i < lab->tests.n; i++) {
        char *text = sh_read_file(sh_lab_path(sh, lab, lab->tests.v[i], path, sizeof path), NULL);
        bool found = text && strstr(text, pat);
        free(text);
        if (found)
            return strdup(base_name(lab->tests.v[i]));
    }
    return NULL;
}

int sh_todo_for_test(struct sh *sh, struct sh_lab *lab, const char *test_file,
                     const char *tcase, const char *test, struct sh_todo *t)
{
    char path[4400];
    char quoted[160];
    /* the failing assertion may sit in a shared helper file: the file
     * that defines the test is the one TODOs name */
    char *defined = test && *test ? defining_file(sh, lab, test) : NULL;
    const char *base = defined ? defined : test_file ? base_name(test_file) : NULL;

    memset(t, 0, sizeof *t);
    if (lab->student.n == 0) {
        free(defined);
        return -1;
    }
    if (sh_lab_test_step(lab, test) > 0 &&
        todo_for_step(sh, lab, sh_lab_test_step(lab, test), t, false) == 0) {
        free(defined);
        return 0;
    }
    snprintf(quoted, sizeof quoted, "\"%s\"", tcase ? tcase : "");
    if (base && *base) {
        /* first choice: a TODO naming the test file and the tcase;
         * then one naming the tcase (the failing assertion may sit in a
         * helper file); then one naming the test file */
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < lab->student.n; i++) {
                char *text = sh_read_file(sh_lab_path(sh, lab, lab->student.v[i], path, sizeof path), NULL);
                struct todo_block *v;
                int n;
                if (!text)
                    continue;
                n = find_blocks(text, &v);
                for (int k = 0; k < n; k++) {
                    bool has_base = strstr(v[k].text, base) != NULL;
                    bool has_tcase = tcase && *tcase && strstr(v[k].text, quoted);
                    if ((pass == 0 && has_base && has_tcase) || (pass == 1 && has_tcase) ||
                        (pass == 2 && has_base)) {
                        fill(t, lab, lab->student.v[i], text, &v[k]);
                        free_blocks(v, n);
                        free(text);
                        free(defined);
                        return 0;
                    }
                }
                free_blocks(v, n);
                free(text);
            }
        }
    }
    free(defined);
    return sh_todo_first(sh, lab, t);
}

int sh_todo_first(struct sh *sh, struct sh_lab *lab, struct sh_todo *t)
{
    char path[4400];

    memset(t, 0, sizeof *t);
    if (lab->student.n == 0)
        return -1;
    /* the manifest's first step whose function still holds its TODO */
    for (size_t k = 1; lab->manifest && k <= lab->manifest->nsteps; k++)
        if (todo_for_step(sh, lab, (int)k, t, true) == 0)
            return 0;
    for (int i = 0; i < lab->student.n; i++) {
        char *text = sh_read_file(sh_lab_path(sh, lab, lab->student.v[i], path, sizeof path), NULL);
        struct todo_block *v;
        int n;
        if (!text)
            continue;
        n = find_blocks(text, &v);
        if (n > 0) {
            fill(t, lab, lab->student.v[i], text, &v[0]);
            free_blocks(v, n);
            free(text);
            return 0;
        }
        free_blocks(v, n);
        free(text);
    }
    fill(t, lab, lab->student.v[0], NULL, NULL);
    return 0;
}

/* ---- a test that timed out -------------------------------------------------- */

/* Where a function is defined in text: the line that starts in column 0
 * and has "name(" with no ';' (a definition, not a call), or 0. */
static int defined_at(const char *text, const char *name)
{
    size_t n = strlen(name);
    int line = 1;

    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > n && (isalpha((unsigned char)p[0]) || p[0] == '_') && !memchr(p, ';', len)) {
            for (const char *s = p; s + n < p + len; s++)
                if (strncmp(s, name, n) == 0 && s[n] == '(' &&
                    (s == p || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')))
                    return line;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return 0;
}

int sh_todo_hung_call(struct sh *sh, struct sh_lab *lab, const char *test_file, int passed,
                      int *call_line, struct sh_todo *t)
{
    char path[4400];
    char *text;
    const char *p;
    int line = 1;

    memset(t, 0, sizeof *t);
    *call_line = 0;
    if (!test_file || !*test_file || passed <= 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s", sh->root, test_file);
    text = sh_read_file(path, NULL);
    if (!text)
        return -1;
    for (p = text; *p && line < passed; p++)
        if (*p == '\n')
            line++;
    /* the end of the statement that passed, then the next statement */
    while (*p && *p != ';')
        if (*p++ == '\n')
            line++;
    if (*p)
        p++;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            if (*p++ == '\n')
                line++;
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            for (const char *q = p; q < (e ? e + 2 : p + strlen(p)); q++)
                if (*q == '\n')
                    line++;
            p = e ? e + 2 : p + strlen(p);
        } else {
            break;
        }
    }
    if (!*p || *p == '}') {
        free(text);
        return -1;
    }
    *call_line = line;
    /* the first function it calls that a student file defines */
    const char *end = strchr(p, ';');
    if (!end)
        end = p + strlen(p);
    for (const char *s = p; s < end && !t->func[0]; s++) {
        if (!(isalpha((unsigned char)*s) || *s == '_') ||
            (s > p && (isalnum((unsigned char)s[-1]) || s[-1] == '_')))
            continue;
        const char *e = s;
        while (e < end && (isalnum((unsigned char)*e) || *e == '_'))
            e++;
        const char *q = e;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q < end && *q == '(' && (size_t)(e - s) < sizeof t->func) {
            char name[sizeof t->func];
            memcpy(name, s, (size_t)(e - s));
            name[e - s] = '\0';
            for (int i = 0; i < lab->student.n && !t->func[0]; i++) {
                char *src = sh_read_file(sh_lab_path(sh, lab, lab->student.v[i], path,
                                                     sizeof path), NULL);
                int at = src ? defined_at(src, name) : 0;
                if (at) {
                    snprintf(t->file, sizeof t->file, "%s/%s", lab->name, lab->student.v[i]);
                    snprintf(t->func, sizeof t->func, "%s", name);
                    t->line = at;
                }
                free(src);
            }
        }
        s = e - 1;
    }
    free(text);
    return 0;
}
