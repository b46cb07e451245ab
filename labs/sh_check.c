/*
 * sh_check.c - `check [LAB]`: build the lab's test program from the
 * student's files, run it, and explain the result.
 *
 * Builds go through the top-level Makefile, so the shell compiles
 * exactly what the grader and `make test` compile:
 *     BUILD/tree/LAB/check_LAB   every lab from the student's folders
 *     BUILD/iso/LAB/check_LAB    --isolated: earlier labs from the reference
 * The test program writes one TAP line per test ("--tap FILE"); the
 * shell reads those, never guesses from the program's chatter, and takes
 * only the failing lines' numbers from Check's normal report.
 */
#include "sh.h"
#include "sh_json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void sh_result_free(struct sh_result *r)
{
    for (int i = 0; i < r->ntests; i++) {
        free(r->tests[i].name);
        free(r->tests[i].tcase);
        free(r->tests[i].file);
        free(r->tests[i].msg);
    }
    free(r->tests);
    memset(r, 0, sizeof *r);
}

/* ---- compiler errors, in plain words ------------------------------------ */

static bool starts_diag(const char *line, char *file, size_t fn, int *lno, const char **kind,
                        const char **msg)
{
    /* "path:LINE:COL: error: message" */
    const char *c1 = strchr(line, ':');
    if (!c1 || c1 == line || memchr(line, ' ', (size_t)(c1 - line)))
        return false;
    if (!isdigit((unsigned char)c1[1]))
        return false;
    char *end;
    long l = strtol(c1 + 1, &end, 10);
    if (*end != ':')
        return false;
    if (isdigit((unsigned char)end[1])) {
        strtol(end + 1, &end, 10);
        if (*end != ':')
            return false;
    }
    const char *rest = end + 1;
    while (*rest == ' ')
        rest++;
    if (strncmp(rest, "error: ", 7) == 0)
        *kind = "error", *msg = rest + 7;
    else if (strncmp(rest, "fatal error: ", 13) == 0)
        *kind = "error", *msg = rest + 13;
    else if (strncmp(rest, "warning: ", 9) == 0)
        *kind = "warning", *msg = rest + 9;
    else if (strncmp(rest, "note: ", 6) == 0)
        *kind = "note", *msg = rest + 6;
    else
        return false;
    snprintf(file, fn, "%.*s", (int)(c1 - line), line);
    *lno = (int)l;
    return true;
}

void sh_explain_build_log(struct sh *sh, const char *log)
{
    char *copy = strdup(log ? log : "");
    struct sh_strs lines = { 0 };
    int errors = 0, shown = 0;
    char first_file[512] = "";
    int first_line = 0;
    bool werror = false;
    struct sh_strs undefined = { 0 }, multiple = { 0 };
    char *save = NULL;

    (void)sh;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        sh_strs_add(&lines, l);
    free(copy);

    for (int i = 0; i < lines.n; i++) {
        const char *line = lines.v[i];
        char file[512];
        int lno;
        const char *kind, *msg;

        if (strstr(line, "undefined reference to")) {
            const char *q = strstr(line, "undefined reference to") + 22;
            char sym[128];
            while (*q == ' ' || *q == '`' || *q == '\'')
                q++;
            snprintf(sym, sizeof sym, "%s", q);
            sym[strcspn(sym, "'`")] = '\0';
            if (sh_strs_find(&undefined, sym) < 0)
                sh_strs_add(&undefined, sym);
            continue;
        }
        if (strstr(line, "multiple definition of")) {
            const char *q = strstr(line, "multiple definition of") + 22;
            char sym[128];
            while (*q == ' ' || *q == '`' || *q == '\'')
                q++;
            snprintf(sym, sizeof sym, "%s", q);
            sym[strcspn(sym, "'`;")] = '\0';
            if (sh_strs_find(&multiple, sym) < 0)
                sh_strs_add(&multiple, sym);
            continue;
        }
        if (strstr(line, "No rule to make target")) {
            const char *q = strstr(line, "target") + 6;
            char what[512];
            while (*q == ' ' || *q == '\'' || *q == '`')
                q++;
            snprintf(what, sizeof what, "%s", q);
            what[strcspn(what, "'`")] = '\0';
            printf("  The file %s%s%s is missing.\n", sh_c(SH_BOLD), what, sh_c(SH_OFF));
            errors++;
            continue;
        }
        if (strstr(line, "check.h: No such file")) {
            printf("  The Check test library is not installed: sudo apt-get install check\n");
            errors++;
            continue;
        }
        if (!starts_diag(line, file, sizeof file, &lno, &kind, &msg))
            continue;
        if (strcmp(kind, "error") != 0)
            continue;
        errors++;
        if (strstr(msg, "[-Werror"))
            werror = true;
        if (!first_line) {
            snprintf(first_file, sizeof first_file, "%s", file);
            first_line = lno;
        }
        if (shown >= 3)
            continue;
        shown++;
        /* the "In function 'f':" line just above, if any */
        if (i > 0 && strstr(lines.v[i - 1], ": In function"))
            printf("  %s%s%s\n", sh_c(SH_DIM), lines.v[i - 1], sh_c(SH_OFF));
        printf("  %s%s:%d:%s %s%s%s\n", sh_c(SH_BOLD), file, lno, sh_c(SH_OFF),
               sh_c(SH_RED), msg, sh_c(SH_OFF));
        /* the source excerpt gcc prints below ("  33 |  code", "     |  ^") */
        for (int k = i + 1; k < lines.n && k < i + 6; k++) {
            const char *x = lines.v[k];
            if (x[0] != ' ' || !strchr(x, '|'))
                break;
            printf("  %s\n", x);
        }
    }
    if (undefined.n) {
        for (int i = 0; i < undefined.n && i < 5; i++)
            printf("  %s%s%s is used but defined nowhere: did a function get deleted or "
                   "renamed?\n", sh_c(SH_BOLD), undefined.v[i], sh_c(SH_OFF));
        errors += undefined.n;
    }
    if (multiple.n) {
        for (int i = 0; i < multiple.n && i < 5; i++)
            printf("  %s%s%s is defined twice: keep one definition (or make a helper "
                   "`static`).\n", sh_c(SH_BOLD), multiple.v[i], sh_c(SH_OFF));
        errors += multiple.n;
    }
    if (errors == 0) {
        /* nothing we recognise: the end of the log, as it is */
        int from = lines.n > 15 ? lines.n - 15 : 0;
        for (int i = from; i < lines.n; i++)
            printf("  %s\n", lines.v[i]);
    } else {
        if (errors > shown + undefined.n + multiple.n)
            printf("  %s... and %d more error%s.%s\n", sh_c(SH_DIM),
                   errors - shown - undefined.n - multiple.n,
                   errors - shown - undefined.n - multiple.n == 1 ? "" : "s", sh_c(SH_OFF));
        if (werror)
            printf("  (A warning was made an error: students' files compile with -Wall "
                   "-Wextra, never -Werror; was -Werror added to CFLAGS?)\n");
        if (first_line)
            printf("Fix the first error first (%s, line %d): the others often follow from it.\n",
                   first_file, first_line);
    }
    sh_strs_free(&lines);
    sh_strs_free(&undefined);
    sh_strs_free(&multiple);
}

/* ---- running the tests -------------------------------------------------- */

/* The test program sh_check_lab last ran, for the debugging help. */
static char last_prog[4400];
/* Where the call that never returned is, when a test timed out. */
static struct sh_todo hung;

static char *abs_build_path(struct sh *sh, const char *rel, char *buf, size_t n)
{
    if (sh->build[0] == '/')
        snprintf(buf, n, "%s/%s", sh->build, rel);
    else
        snprintf(buf, n, "%s/%s/%s", sh->root, sh->build, rel);
    return buf;
}

/* "not ok 3 - file:tcase:test_name: message" */
static void parse_tap_line(const char *line, struct sh_result *r)
{
    bool ok;
    const char *p;

    if (strncmp(line, "ok ", 3) == 0)
        ok = true, p = line + 3;
    else if (strncmp(line, "not ok ", 7) == 0)
        ok = false, p = line + 7;
    else
        return;
    while (isdigit((unsigned char)*p))
        p++;
    if (strncmp(p, " - ", 3) == 0)
        p += 3;
    const char *c1 = strchr(p, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    const char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
    struct sh_test_result t = { 0 };
    if (c3) {
        t.file = strndup(p, (size_t)(c1 - p));
        t.tcase = strndup(c1 + 1, (size_t)(c2 - c1 - 1));
        t.name = strndup(c2 + 1, (size_t)(c3 - c2 - 1));
        const char *m = c3 + 1;
        while (*m == ' ')
            m++;
        t.msg = strdup(m);
    } else {
        t.file = strdup("");
        t.tcase = strdup("");
        t.name = strdup(p);
        t.msg = strdup("");
    }
    t.ok = ok;
    struct sh_test_result *v = realloc(r->tests, sizeof *v * (size_t)(r->ntests + 1));
    if (!v)
        return;
    r->tests = v;
    r->tests[r->ntests++] = t;
}

/* Check's normal report: "file:LINE:F:tcase:test:0: message" */
static void find_lines(struct sh_result *r, const char *out)
{
    const char *p = out;

    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = strndup(p, len);
        char *c1 = line ? strchr(line, ':') : NULL;
        if (c1) {
            char *end;
            long l = strtol(c1 + 1, &end, 10);
            if (end != c1 + 1 && (strncmp(end, ":F:", 3) == 0 || strncmp(end, ":E:", 3) == 0)) {
                char *tc = end + 3;
                char *c4 = strchr(tc, ':');
                char *c5 = c4 ? strchr(c4 + 1, ':') : NULL;
                if (c5) {
                    *c5 = '\0';
                    for (int i = 0; i < r->ntests; i++)
                        if (!r->tests[i].line && strcmp(r->tests[i].name, c4 + 1) == 0)
                            r->tests[i].line = (int)l;
                }
            }
        }
        free(line);
        p = eol ? eol + 1 : NULL;
    }
}

static bool files_present(struct sh *sh, struct sh_lab *lab, bool isolated)
{
    struct sh_lab *chain[32];
    int n = isolated ? 1 : sh_lab_chain(sh, lab, chain, 32);
    char path[4400];
    bool ok = true;

    if (isolated)
        chain[0] = lab;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < chain[i]->student.n; k++) {
            struct stat st;
            if (stat(sh_lab_path(sh, chain[i], chain[i]->student.v[k], path, sizeof path), &st) != 0) {
                sh_error("%s/%s is missing: it is one of your files%s.  %s brings the "
                         "skeleton back (only that file is touched).",
                         chain[i]->name, chain[i]->student.v[k],
                         chain[i] == lab ? "" : " (an earlier lab this one builds on; "
                                                "check without --mine uses the reference instead)",
                         sh_cmdref("reset %s", chain[i]->name));
                ok = false;
            }
        }
    }
    return ok;
}

/* The test source that defines test `name` (relative to the root), or "". */
static char *test_source(struct sh *sh, struct sh_lab *lab, const char *name)
{
    char path[4400], pat[300];

    snprintf(pat, sizeof pat, "START_TEST(%s)", name);
    for (int i = 0; i < lab->tests.n; i++) {
        char *text = sh_read_file(sh_lab_path(sh, lab, lab->tests.v[i], path, sizeof path), NULL);
        bool has = text && strstr(text, pat);

        free(text);
        if (has) {
            snprintf(path, sizeof path, "%s/%s", lab->name, lab->tests.v[i]);
            return strdup(path);
        }
    }
    return strdup("");
}

/*
 * The grader's "where" ("check_io.c:356": the failing check, or the last
 * one a test that hung or crashed got past) into t's line, and its file
 * when the check is in another of the lab's test files (a helper's).
 */
static void where_of(struct sh_lab *lab, const char *where, struct sh_test_result *t)
{
    const char *colon = where ? strrchr(where, ':') : NULL;
    char *end;
    long line;

    if (!colon)
        return;
    line = strtol(colon + 1, &end, 10);
    if (*end || line <= 0 || line > 1000000)
        return;
    t->line = (int)line;
    for (const char *p = where; p < colon; p++)     /* its base name */
        if (*p == '/')
            where = p + 1;
    for (int i = 0; i < lab->tests.n; i++) {
        const char *f = lab->tests.v[i], *base = strrchr(f, '/');
        size_t n = (size_t)(colon - where);

        base = base ? base + 1 : f;
        if (strlen(base) == n && strncmp(base, where, n) == 0) {
            char path[4400];

            snprintf(path, sizeof path, "%s/%s", lab->name, f);
            free(t->file);
            t->file = strdup(path);
            return;
        }
    }
}

static bool is_build_problem(const char *tag)
{
    static const char *const tags[] = { "compile error", "link error", "forbidden",
                                        "refused file", "missing file", NULL };
    for (int i = 0; tags[i]; i++)
        if (strcmp(tag, tags[i]) == 0)
            return true;
    return false;
}

/* The compiler's warnings in the grader's summary: shown, never punished. */
static void show_warnings(const char *summary)
{
    const char *log = summary ? strstr(summary, "compiler/linker messages:") : NULL;
    int shown = 0;

    for (const char *p = log; p && *p && shown < 6;) {
        const char *eol = strchr(p, '\n');
        int len = eol ? (int)(eol - p) : (int)strlen(p);

        char *line = strndup(p, (size_t)len);
        bool warn = line && strstr(line, "warning:");

        free(line);
        if (warn) {
            printf("  %s%.*s%s\n", sh_c(SH_YELLOW), len, p, sh_c(SH_OFF));
            shown++;
        }
        p = eol ? eol + 1 : NULL;
    }
    if (shown)
        printf("  %s(Warnings cost no points, in the grader as here; they often point at a "
               "bug.)%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
}

/*
 * Graded isolation, through the grader itself: `grader --lab LAB
 * --submission LAB/ --format json` builds the lab folder's files with the
 * grader's flags, links the reference earlier labs, runs the tests under
 * its limits and scores them with the manifest's points: whatever it says
 * is what the student sees.  (It builds in a scratch folder of its own,
 * so any number of checks can run at once.)
 */
static int check_by_grader(struct sh *sh, struct sh_lab *lab, struct sh_result *r)
{
    char grader[4400], sub[4400], build[4400];
    struct sh_buf out = { 0 };
    struct sh_proc proc;
    struct sh_json *doc;
    const struct sh_json *labs, *tests;

    if (sh_make(sh, "grader-ready", "the grader") != 0)
        return -1;
    if (sh->bin[0] == '/')
        snprintf(grader, sizeof grader, "%s/grader", sh->bin);
    else
        snprintf(grader, sizeof grader, "%s/%s/grader", sh->root, sh->bin);
    abs_build_path(sh, "", build, sizeof build);
    build[strlen(build) - 1] = '\0';          /* the trailing '/' */
    snprintf(sub, sizeof sub, "%s/%s", sh->root, lab->name);
    {
        char *argv[] = { grader, "--lab", lab->name, "--submission", sub, "--format", "json",
                         "--root", sh->root, "--build", build, NULL };
        sh_run(sh, argv, sh->root, NULL, 900, &out, &proc);
    }
    if (proc.interrupted) {
        sh_buf_free(&out);
        return -1;
    }
    doc = sh_json_parse(strchr(sh_buf_str(&out), '{'));
    labs = sh_json_get(doc, "labs");
    tests = sh_json_get(doc, "tests");
    if (!doc || !labs || !tests || labs->n < 1) {
        char how[160];

        sh_error("the grader %s and gave no report:", sh_proc_describe(&proc, how, sizeof how));
        sh_wrap(stderr, sh_buf_str(&out), 2);
        sh_json_free(doc);
        sh_buf_free(&out);
        return -1;
    }
    {
        const struct sh_json *problems = sh_json_get(labs->items[0], "problems");
        const char *summary = sh_json_str(doc, "output");

        for (size_t i = 0; problems && i < problems->n; i++)
            if (problems->items[i]->kind == SH_JSON_STRING &&
                is_build_problem(problems->items[i]->str))
                r->build_failed = true;
        if (sh_json_num(labs->items[0], "grader_error")) {
            r->crashed = true;
            snprintf(r->crash, sizeof r->crash, "could not be graded (the grader failed)");
        }
        if (r->build_failed) {
            const char *log = summary ? strstr(summary, "compiler/linker messages:") : NULL;

            printf("%s%s (your %s) does not build.%s\n", sh_c(SH_RED), lab->name,
                   lab->student.n ? lab->student.v[0] : "files", sh_c(SH_OFF));
            /* the grader's sentences, then the compiler's errors in plain words */
            for (const char *p = summary; p && *p && p != log;) {
                const char *eol = strchr(p, '\n');
                int len = eol ? (int)(eol - p) : (int)strlen(p);
                if (p != summary && strncmp(p, "- ", 2) == 0)
                    printf("  %.*s\n", len - 2, p + 2);
                p = eol ? eol + 1 : NULL;
            }
            if (log) {
                /* the grader compiled copies named by their base names:
                 * say where the student's files are ("LAB/gen.c:12:") */
                struct sh_buf fixed = { 0 };

                for (const char *p = log; *p;) {
                    size_t len = strcspn(p, "\n");
                    for (int k = 0; k < lab->student.n; k++) {
                        size_t fl = strlen(lab->student.v[k]);
                        if (len > fl && strncmp(p, lab->student.v[k], fl) == 0 && p[fl] == ':') {
                            sh_buf_printf(&fixed, "%s/", lab->name);
                            break;
                        }
                    }
                    sh_buf_add(&fixed, p, len);
                    sh_buf_add(&fixed, "\n", 1);
                    p += len + (p[len] == '\n');
                }
                sh_explain_build_log(sh, sh_buf_str(&fixed));
                sh_buf_free(&fixed);
            }
            sh_json_free(doc);
            sh_buf_free(&out);
            return -1;
        }
        show_warnings(summary);
    }
    for (size_t i = 0; i < tests->n; i++) {
        const struct sh_json *t = tests->items[i];
        const char *name = sh_json_str(t, "name"), *status = sh_json_str(t, "status");
        const char *msg = sh_json_str(t, "output");
        struct sh_test_result *v;

        if (!name || sh_json_get(t, "hidden"))
            continue;
        if (sh_json_get(t, "speed")) {   /* the speed part: not a test (grader/README.md) */
            snprintf(r->speed, sizeof r->speed, "%s: %s/%s points: %s", name,
                     sh_pts(sh_json_num(t, "score")), sh_pts(sh_json_num(t, "max_score")),
                     msg ? msg : "");
            r->points += sh_json_num(t, "score");
            continue;
        }
        v = realloc(r->tests, sizeof *v * (size_t)(r->ntests + 1));
        if (!v)
            break;
        r->tests = v;
        memset(&v[r->ntests], 0, sizeof *v);
        v[r->ntests].name = strdup(name);
        v[r->ntests].tcase = strdup(sh_json_str(t, "tcase") ? sh_json_str(t, "tcase") : "");
        v[r->ntests].file = test_source(sh, lab, name);
        where_of(lab, sh_json_str(t, "where"), &v[r->ntests]);
        v[r->ntests].ok = status && strcmp(status, "passed") == 0;
        v[r->ntests].msg = strdup(msg ? msg : "");
        if (v[r->ntests].ok)
            r->passed++;
        else if (msg && strncmp(msg, "not run", 7) == 0)
            r->not_run++;
        r->points += sh_json_num(t, "score");
        r->ntests++;
    }
    sh_json_free(doc);
    sh_buf_free(&out);
    return 0;
}

/* A private copy of a program make just built, so that another make (a
 * watch, a second shell) may rebuild it while this one runs. */
static int private_copy(const char *prog, char *copy, size_t n)
{
    char *text;
    size_t len;
    int fd;

    snprintf(copy, n, "/tmp/labs-prog-XXXXXX");
    fd = mkstemp(copy);
    if (fd < 0)
        return -1;
    text = sh_read_file(prog, &len);
    if (!text || write(fd, text, len) != (ssize_t)len || fchmod(fd, 0700) != 0) {
        free(text);
        close(fd);
        unlink(copy);
        return -1;
    }
    free(text);
    close(fd);
    return 0;
}

/*
 * --mine: the student's own earlier labs, built by make into BUILD/tree/
 * (the same warnings as the grader, never -Werror), run from a private
 * copy, scored with the manifest's points and the grader's pass rule.
 */
static int check_own_chain(struct sh *sh, struct sh_lab *lab, struct sh_result *r)
{
    char target[4400], built[4400], prog[4400], tap[64], what[256];
    struct sh_buf out = { 0 };
    struct sh_proc proc;
    int fd;

    if (!files_present(sh, lab, false))
        return -1;
    snprintf(target, sizeof target, "%s/tree/%s/check_%s", sh->build, lab->name, lab->name);
    snprintf(what, sizeof what, "%s (your files, with your own earlier labs)", lab->name);
    if (sh_make(sh, target, what) != 0) {
        r->build_failed = !sh->interrupted;   /* Ctrl-C is not a compile error */
        return -1;
    }
    abs_build_path(sh, target + strlen(sh->build) + 1, built, sizeof built);
    snprintf(last_prog, sizeof last_prog, "%s", built);
    if (private_copy(built, prog, sizeof prog) != 0) {
        sh_error("cannot copy the test program %s to /tmp.", built);
        return -1;
    }
    snprintf(tap, sizeof tap, "/tmp/labs-tap-XXXXXX");
    fd = mkstemp(tap);
    if (fd < 0) {
        unlink(prog);
        sh_error("cannot create a temporary file in /tmp.");
        return -1;
    }
    close(fd);
    {
        char *argv[] = { prog, "--tap", tap, NULL };
        char *env[] = { "CK_FORK=yes", "CK_VERBOSITY=normal", NULL };
        sh_run(sh, argv, sh->root, env, 300, &out, &proc);
    }
    unlink(prog);
    char *text = sh_read_file(tap, NULL);
    unlink(tap);
    for (char *p = text; p && *p;) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        parse_tap_line(p, r);
        p = eol ? eol + 1 : p + strlen(p);
    }
    free(text);
    find_lines(r, sh_buf_str(&out));
    if (proc.interrupted) {
        sh_buf_free(&out);
        return -1;
    }
    bool normal = WIFEXITED(proc.status) && (WEXITSTATUS(proc.status) == 0 ||
                                             WEXITSTATUS(proc.status) == 1) && !proc.exec_errno;
    if (!normal) {
        r->crashed = true;
        sh_proc_describe(&proc, r->crash, sizeof r->crash);
    }
    sh_buf_free(&out);
    for (int i = 0; i < r->ntests; i++)
        if (r->tests[i].ok) {
            r->passed++;
            r->points += sh_lab_points(lab, r->tests[i].name);
        }
    for (int i = 0; i < lab->npoints; i++) {
        bool seen = false;
        for (int k = 0; k < r->ntests && !seen; k++)
            seen = strcmp(r->tests[k].name, lab->points[i].test) == 0;
        if (!seen)
            r->not_run++;
    }
    return 0;
}

int sh_check_lab(struct sh *sh, struct sh_lab *lab, bool isolated, struct sh_result *r)
{
    memset(r, 0, sizeof *r);
    if (lab->error) {
        sh_error("%s", lab->error);
        return -1;
    }
    if (lab->tests.n == 0) {
        sh_error("%s has no tests yet (its lab.mk lists none).", lab->name);
        return -1;
    }
    if (isolated) {
        if (!files_present(sh, lab, true))
            return -1;
        int st = check_by_grader(sh, lab, r);
        return st;
    }
    return check_own_chain(sh, lab, r);
}

void sh_check_remember(struct sh *sh, struct sh_lab *lab, bool isolated, const struct sh_result *r)
{
    struct sh_summary s = { 0 };
    char where[600];

    s.valid = true;
    s.isolated = isolated;
    s.build_failed = r->build_failed;
    s.ran = r->ntests;
    s.passed = r->passed;
    s.total = lab->npoints;
    s.points = r->points;
    s.max_points = lab->max_points;
    /* the first failure of the first failing step */
    const struct sh_test_result *first = NULL;
    for (int i = 0; i < r->ntests; i++)
        if (!r->tests[i].ok && (!first || sh_lab_test_step(lab, r->tests[i].name) <
                                          sh_lab_test_step(lab, first->name)))
            first = &r->tests[i];
    if (first) {
        s.first_test = first->name;
        s.first_tcase = first->tcase;
        s.first_msg = first->msg;
        snprintf(where, sizeof where, "%s:%d", first->file, first->line);
        s.first_where = where;
    }
    if (r->crashed && !s.first_test) {
        s.first_test = "(the test program)";
        s.first_msg = (char *)r->crash;
    }
    sh_state_put_result(sh, lab, &s);
    sh_state_save(sh);
}

/* ---- showing the result ------------------------------------------------- */

/* The assertion's source: from its line up to the end of the statement. */
static void show_source(struct sh *sh, const char *file, int line)
{
    char path[4400];
    char *text;
    int l = 1, shown = 0;

    if (!file || !*file || line <= 0)
        return;
    snprintf(path, sizeof path, "%s/%s", sh->root, file);
    text = sh_read_file(path, NULL);
    if (!text)
        return;
    for (char *p = text; *p && shown < 4;) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        if (l >= line) {
            printf("    %s%4d |%s %s\n", sh_c(SH_DIM), l, sh_c(SH_OFF), p);
            shown++;
            if (strchr(p, ';'))
                break;
        }
        l++;
        if (!eol)
            break;
        p = eol + 1;
    }
    free(text);
}

/* Extra words for messages that come from Check itself, not the test. */
/* Check's word for a timeout (--mine), or the grader's. */
static bool timed_out(const char *msg)
{
    return strstr(msg, "Test timeout expired") || strncmp(msg, "timed out:", 10) == 0;
}

/* The test program a student can run under gdb: the one --mine ran, or
 * (a check through the grader, which builds in a scratch folder) the
 * same tests on the student's files with the reference earlier labs,
 * BUILD/iso/LAB/check_LAB, built now. */
static const char *debug_prog(struct sh *sh, struct sh_lab *lab, char *buf, size_t n)
{
    char target[4400];

    if (last_prog[0])
        return last_prog;
    snprintf(target, sizeof target, "%s/iso/%s/check_%s", sh->build, lab->name, lab->name);
    if (sh_make(sh, target, "the test program, to debug it") != 0)
        return NULL;
    return abs_build_path(sh, target + strlen(sh->build) + 1, buf, n);
}

static void explain_message(struct sh *sh, struct sh_lab *lab, const char *msg,
                            const char *tcase)
{
    char prog[4400];

    if (strstr(msg, "Received signal") || strstr(msg, "crashed:")) {
        const char *p = debug_prog(sh, lab, prog, sizeof prog);

        printf("    %s(your code crashed inside this test: often a NULL or freed pointer.  To "
               "debug it:\n      cd %s && CK_FORK=no%s%s%s gdb --args %s)%s\n",
               sh_c(SH_DIM), sh->root, tcase && *tcase ? " CK_RUN_CASE=\"" : "",
               tcase && *tcase ? tcase : "", tcase && *tcase ? "\"" : "",
               p ? p : "<the test program>", sh_c(SH_OFF));
        return;
    }
    if (strstr(msg, "Test timeout expired"))      /* the grader's words say it already */
        printf("    %s(the test ran past its time limit: an endless loop, or waiting for "
               "something that never happens?)%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
    else if (strstr(msg, "Early exit"))
        printf("    %s(the test process ended by itself: exit() or abort() in your code?)%s\n",
               sh_c(SH_DIM), sh_c(SH_OFF));
}

void sh_print_next_step(struct sh *sh, struct sh_lab *lab, const char *test_file,
                        const char *tcase, const char *test)
{
    struct sh_todo t;
    char sl[16];
    int step;

    if (sh_todo_for_test(sh, lab, test_file, tcase, test, &t) != 0)
        return;
    if (!t.todo_left && hung.func[0]) {
        /* no TODO left to point at: the function that did not return */
        snprintf(t.file, sizeof t.file, "%s", hung.file);
        snprintf(t.func, sizeof t.func, "%s", hung.func);
        t.line = hung.line;
    }
    step = sh_hint_step_for(sh, lab, t.func, t.step, test_file, test);
    printf("%sNext:%s edit %s%s%s", sh_c(SH_BOLD), sh_c(SH_OFF), sh_c(SH_CYAN), t.file,
           sh_c(SH_OFF));
    if (t.func[0])
        printf(", function %s%s()%s", sh_c(SH_BOLD), t.func, sh_c(SH_OFF));
    if (t.line)
        printf(" (line %d%s%s%s)", t.line, t.marker[0] ? ", TODO \"" : "", t.marker,
               t.marker[0] ? "\"" : "");
    printf(".\n");
    if (step > 0 && sh_hint_steps(sh, lab, NULL, 0) > 0)
        printf("      Stuck? %s shows a hint for step %d, one at a time.\n",
               sh_cmdref("hint %s %d", sh_lab_short(lab, sl, sizeof sl), step), step);
    else if (sh_hint_steps(sh, lab, NULL, 0) > 0)
        printf("      Stuck? %s shows a hint, one at a time.\n",
               sh_cmdref("hint %s", sh_lab_short(lab, sl, sizeof sl)));
}

void sh_check_show(struct sh *sh, struct sh_lab *lab, const struct sh_result *r, bool verbose,
                   const char *only)
{
    const struct sh_test_result *first = NULL;
    int failed = 0;
    char sl[16];

    /* the first failure of the first failing step (the manifest's order) */
    for (int i = 0; i < r->ntests; i++) {
        if (only && strcmp(r->tests[i].name, only) != 0)
            continue;
        if (!r->tests[i].ok) {
            failed++;
            if (!first || sh_lab_test_step(lab, r->tests[i].name) <
                          sh_lab_test_step(lab, first->name))
                first = &r->tests[i];
        }
    }
    if (only && !first) {
        for (int i = 0; i < r->ntests; i++)
            if (strcmp(r->tests[i].name, only) == 0)
                printf("%s%s%s %s passes.\n", sh_c(SH_GREEN), sh_g(SH_G_PASS), sh_c(SH_OFF), only);
    }
    if (first) {
        printf("\n%s%s %s%s\n", sh_c(SH_RED), sh_g(SH_G_FAIL), first->name, sh_c(SH_OFF));
        int step = sh_lab_test_step(lab, first->name);
        char where[600];

        if (first->line)
            snprintf(where, sizeof where, "%s:%d", first->file, first->line);
        else
            snprintf(where, sizeof where, "%s", first->file);
        printf("    %sstep %d, in %s%s%s%s%s\n", sh_c(SH_DIM), step, where,
               first->tcase[0] ? " (tcase \"" : "", first->tcase, first->tcase[0] ? "\")" : "",
               sh_c(SH_OFF));
        printf("%s", sh_c(SH_BOLD));
        sh_wrap(stdout, first->msg, 4);
        printf("%s", sh_c(SH_OFF));
        explain_message(sh, lab, first->msg, first->tcase);
        int call_line = 0;
        memset(&hung, 0, sizeof hung);
        if (timed_out(first->msg) &&
            sh_todo_hung_call(sh, lab, first->file, first->line, &call_line, &hung) == 0) {
            /* Check names the last check that passed: the call after it hangs */
            printf("    %sthe test got past line %d, then this call never returned%s%s%s:%s\n",
                   sh_c(SH_DIM), first->line, hung.func[0] ? " (" : "", hung.func,
                   hung.func[0] ? "() did not come back)" : "", sh_c(SH_OFF));
            show_source(sh, first->file, call_line);
        } else {
            show_source(sh, first->file, first->line);
        }
    }
    if (verbose) {
        bool head = false;
        for (int i = 0; i < r->ntests; i++) {
            const struct sh_test_result *t = &r->tests[i];
            if (t == first)
                continue;
            if (!head) {
                printf("\n");
                head = true;
            }
            if (t->ok)
                printf("  %s%s%s %s\n", sh_c(SH_GREEN), sh_g(SH_G_PASS), sh_c(SH_OFF), t->name);
            else
                printf("  %s%s%s %s: %s%s%s\n", sh_c(SH_RED), sh_g(SH_G_FAIL), sh_c(SH_OFF),
                       t->name, sh_c(SH_DIM), t->msg, sh_c(SH_OFF));
        }
    } else if (!only && failed > 1) {
        /* the rest on one line, grouped by suite */
        struct sh_strs suites = { 0 };
        int counts[64] = { 0 };
        char buf[128];
        for (int i = 0; i < r->ntests; i++) {
            if (r->tests[i].ok || &r->tests[i] == first)
                continue;
            snprintf(buf, sizeof buf, "step %d", sh_lab_test_step(lab, r->tests[i].name));
            int k = sh_strs_find(&suites, buf);
            if (k < 0 && suites.n < 64) {
                sh_strs_add(&suites, buf);
                k = suites.n - 1;
            }
            if (k >= 0)
                counts[k]++;
        }
        printf("\n  %s... and %d more failing (", sh_c(SH_DIM), failed - 1);
        for (int k = 0; k < suites.n && k < 4; k++)
            printf("%s%s %d", k ? ", " : "", suites.v[k], counts[k]);
        if (suites.n > 4)
            printf(", ...");
        printf("); %s lists them.%s\n",
               sh_cmdref("check %s --verbose", sh_lab_short(lab, sl, sizeof sl)), sh_c(SH_OFF));
        sh_strs_free(&suites);
    }
    if (r->crashed)
        printf("\n%sThe test program itself %s after %d of %d tests.%s\n", sh_c(SH_RED), r->crash,
               r->ntests, lab->npoints, sh_c(SH_OFF));
    else if (r->not_run > 0)
        printf("\n%s%d test%s listed in lab.mk did not run.%s\n", sh_c(SH_YELLOW),
               r->not_run, r->not_run == 1 ? "" : "s", sh_c(SH_OFF));

    if (!only && r->speed[0]) {
        printf("\n%sSpeed:%s ", sh_c(SH_BOLD), sh_c(SH_OFF));
        sh_wrap_at(stdout, r->speed, 4, 7);
    }
    /* the score line */
    if (!only) {
        bool all = r->passed == r->ntests && r->ntests > 0 && !r->crashed && r->not_run == 0;
        printf("\n%s%s %s: %d of %d tests pass, %s of %s points.%s\n",
               all ? sh_c(SH_GREEN) : sh_c(SH_BOLD), all ? sh_g(SH_G_PASS) : sh_g(SH_G_DOT),
               lab->name, r->passed, lab->npoints ? lab->npoints : r->ntests, sh_pts(r->points),
               sh_pts(lab->max_points), sh_c(SH_OFF));
        if (all) {
            /* every lab counts: the next is the first not known to pass */
            struct sh_lab *next = sh_progress_next_lab(sh);

            if (next == lab)
                next = NULL;
            if (next)
                printf("%sWell done!%s Next: %s (%s): read %s/README.md, then %s.\n",
                       sh_c(SH_BOLD), sh_c(SH_OFF), next->name,
                       &sh->labs[0] <= next && next < lab ? "an earlier lab not finished yet"
                                                          : "the next lab",
                       next->name, sh_cmdref("check %s", sh_lab_short(next, sl, sizeof sl)));
            else
                printf("%sWell done: every lab passes.%s\n", sh_c(SH_BOLD), sh_c(SH_OFF));
        }
    }
    if (first)
        sh_print_next_step(sh, lab, first->file, first->tcase, first->name);
}

/* ---- the command ---------------------------------------------------------- */

/* A lab's tests run on the student's earlier labs too: if one of those
 * is not known to pass, the failures may come from there. */
static void note_earlier_labs(struct sh *sh, struct sh_lab *lab)
{
    struct sh_lab *chain[32];
    int n = sh_lab_chain(sh, lab, chain, 32);
    char sl[16];

    for (int i = 0; i < n; i++) {
        struct sh_summary s;
        if (chain[i] == lab)
            continue;
        sh_state_get_result(sh, chain[i], &s);
        if (s.valid && s.fresh && !s.build_failed && s.total > 0 && s.passed == s.total)
            continue;
        printf("%s(%s builds on your %s, which %s: %s uses the reference %s instead, as the "
               "grader does.)%s\n", sh_c(SH_DIM), lab->name, chain[i]->name,
               s.valid && s.fresh ? "does not pass all its tests yet" : "has not been checked "
               "as it is now", sh_cmdref("check %s", sh_lab_short(lab, sl, sizeof sl)),
               chain[i]->name, sh_c(SH_OFF));
        return;
    }
}

static int check_one(struct sh *sh, struct sh_lab *lab, bool isolated, bool verbose,
                     const char *only, bool brief)
{
    struct sh_result r;
    int status;

    if (only && !sh_lab_test_step(lab, only)) {
        bool known = false;
        for (int i = 0; i < lab->npoints; i++)
            known |= strcmp(lab->points[i].test, only) == 0;
        if (!known) {
            sh_error("%s has no test \"%s\" (tab completes test names; `check %s --verbose` "
                     "lists them).", lab->name, only, lab->name);
            return 2;
        }
    }
    if (!brief)
        printf("%sChecking %s%s%s...%s\n", sh_c(SH_DIM), lab->name,
               isolated ? "" : " (--mine: your own earlier labs too)",
               sh->interactive ? "" : "", sh_c(SH_OFF));
    fflush(stdout);
    if (sh_check_lab(sh, lab, isolated, &r) != 0) {
        if (r.build_failed) {
            sh_check_remember(sh, lab, isolated, &r);
            sh_result_free(&r);
            return 1;
        }
        sh_result_free(&r);
        if (sh->interrupted)
            printf("\nInterrupted: nothing was checked.\n");
        return sh->interrupted ? 130 : 1;
    }
    sh_check_remember(sh, lab, isolated, &r);
    if (brief) {
        bool all = r.passed == r.ntests && r.ntests > 0 && !r.crashed && r.not_run == 0;
        printf("%s%s%s %-20s %3d/%-3d tests  %3s/%-3s points\n", all ? sh_c(SH_GREEN) : sh_c(SH_RED),
               all ? sh_g(SH_G_PASS) : sh_g(SH_G_FAIL), sh_c(SH_OFF), lab->name, r.passed,
               lab->npoints, sh_pts(r.points), sh_pts(lab->max_points));
    } else {
        sh_check_show(sh, lab, &r, verbose, only);
        if (!isolated && r.passed < r.ntests)
            note_earlier_labs(sh, lab);
    }
    status = (r.passed == r.ntests && !r.crashed && r.not_run == 0) ? 0 : 1;
    if (only) {
        status = 1;
        for (int i = 0; i < r.ntests; i++)
            if (strcmp(r.tests[i].name, only) == 0 && r.tests[i].ok)
                status = 0;
    }
    sh_result_free(&r);
    return status;
}

int sh_cmd_check(struct sh *sh, int argc, char **argv)
{
    bool isolated = true, verbose = false, all = false;
    const char *labname = NULL, *only = NULL;
    struct sh_lab *lab;

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--mine") || sh_opt(argv[i], "-m"))
            isolated = false;
        else if (sh_opt(argv[i], "--isolated") || sh_opt(argv[i], "-i"))
            isolated = true;         /* the default; the old spelling still works */
        else if (sh_opt(argv[i], "--verbose") || sh_opt(argv[i], "-v"))
            verbose = true;
        else if (sh_opt(argv[i], "--all") || sh_opt(argv[i], "-a"))
            all = true;
        else if (argv[i][0] == '-')
            return sh_usage("check", argv[i]);
        else if (!labname)
            labname = argv[i];
        else if (!only)
            only = argv[i];
        else
            return sh_usage("check", argv[i]);
    }
    if (all) {
        int worst = 0;
        if (sh->nlabs == 0)
            return sh_lab_default(sh) ? 0 : 2;
        for (int i = 0; i < sh->nlabs && !sh->interrupted; i++) {
            int s = check_one(sh, &sh->labs[i], isolated, false, NULL, true);
            if (s > worst)
                worst = s;
        }
        return worst;
    }
    /* "check test_name" alone: a test of the current lab */
    if (labname && !only && strncmp(labname, "test_", 5) == 0 && !sh_lab_find(sh, labname, false)) {
        only = labname;
        labname = NULL;
    }
    lab = labname ? sh_lab_find(sh, labname, true) : sh_lab_default(sh);
    if (!lab || !sh_lab_handed_out(lab))
        return 2;
    return check_one(sh, lab, isolated, verbose, only, false);
}
