/*
 * sh_progress.c - `list`, the greeting, and "what do I do next?".
 *
 * Progress comes from the tests only.  The cache file keeps the last
 * check of each lab, and a result is shown as progress only while the
 * files it was computed from are unchanged (sh_fingerprint); otherwise
 * the lab reads "changed since the last check" and counts nothing.
 */
#include "sh.h"

#include <stdlib.h>
#include <string.h>

static bool complete(const struct sh_summary *s)
{
    return s->valid && s->fresh && !s->build_failed && s->total > 0 &&
           s->passed == s->total && s->ran == s->total;
}

/* The lab to work on: the first one not known to pass completely. */
static struct sh_lab *next_lab(struct sh *sh)
{
    for (int i = 0; i < sh->nlabs; i++) {
        struct sh_summary s;
        if (sh->labs[i].given)
            continue;
        sh_state_get_result(sh, &sh->labs[i], &s);
        if (!complete(&s))
            return &sh->labs[i];
    }
    return NULL;
}

static void print_next(struct sh *sh, struct sh_lab *lab)
{
    struct sh_summary s;
    struct sh_todo t;
    char sl[16];
    bool first_lab = lab == sh_lab_default(sh);

    sh_lab_short(lab, sl, sizeof sl);
    sh_state_get_result(sh, lab, &s);
    printf("\n");
    if (s.valid && s.fresh && s.build_failed) {
        printf("%sNext:%s your files for %s do not compile: %s shows the first error.\n",
               sh_c(SH_BOLD), sh_c(SH_OFF), lab->name, sh_cmdref("check %s", sl));
        return;
    }
    if (s.valid && s.fresh && s.first_test) {
        char file[512] = "";
        printf("%s%s is at %d of %d tests.%s  The first failing test:\n", sh_c(SH_BOLD), lab->name,
               s.passed, s.total, sh_c(SH_OFF));
        printf("  %s%s %s%s\n", sh_c(SH_RED), sh_g(SH_G_FAIL), s.first_test, sh_c(SH_OFF));
        if (s.first_msg)
            sh_wrap(stdout, s.first_msg, 4);
        if (s.first_where) {
            snprintf(file, sizeof file, "%s", s.first_where);
            char *colon = strchr(file, ':');
            if (colon)
                *colon = '\0';
        }
        sh_print_next_step(sh, lab, file, s.first_tcase, s.first_test);
        printf("      Then %s again, or %s to re-check on every save.\n",
               sh_cmdref("check %s", sl), sh_cmdref("watch %s", sl));
        return;
    }
    if (s.valid && !s.fresh) {
        printf("%sNext:%s your files for %s changed since the last check: %s "
               "(or %s to re-check on every save).\n", sh_c(SH_BOLD), sh_c(SH_OFF),
               lab->name, sh_cmdref("check %s", sl), sh_cmdref("watch %s", sl));
        return;
    }
    /* never checked: the first steps, spelled out */
    printf("%sStart %s:%s\n", sh_c(SH_BOLD), first_lab ? "here" : lab->name, sh_c(SH_OFF));
    printf("  1. Read %s%s/README.md%s (the handout: the idea, then the steps in order).\n",
           sh_c(SH_CYAN), lab->name, sh_c(SH_OFF));
    if (sh_todo_first(sh, lab, &t) == 0) {
        if (t.todo_left && t.func[0])
            printf("  2. Open %s%s%s and write %s%s()%s: line %d, the TODO \"%s\".\n",
                   sh_c(SH_CYAN), t.file, sh_c(SH_OFF), sh_c(SH_BOLD), t.func, sh_c(SH_OFF),
                   t.line, t.marker);
        else
            printf("  2. Open %s%s%s, your file for this lab.\n", sh_c(SH_CYAN), t.file,
                   sh_c(SH_OFF));
    }
    printf("  3. Run %s%s%s to test it: the first failing test is explained, with what "
           "it expected and what it got.\n", sh_c(SH_BOLD), sh_cmdref("check %s", sl), sh_c(SH_OFF));
    if (sh_hint_steps(sh, lab, NULL, 0) > 0)
        printf("  Stuck?  %s%s%s gives a hint, one at a time.  %s%s%s re-checks every "
               "time you save.\n", sh_c(SH_BOLD), sh_cmdref("hint %s", sl), sh_c(SH_OFF),
               sh_c(SH_BOLD), sh_cmdref("watch %s", sl), sh_c(SH_OFF));
    else
        printf("  %s%s%s re-checks every time you save.\n", sh_c(SH_BOLD),
               sh_cmdref("watch %s", sl), sh_c(SH_OFF));
}

static void print_table(struct sh *sh, struct sh_lab *next)
{
    double got = 0, max = 0;
    int done = 0, nlabs = 0;
    char given[512] = "";

    for (int i = 0; i < sh->nlabs; i++) {
        struct sh_summary s;
        if (sh->labs[i].given) {
            size_t n = strlen(given);
            snprintf(given + n, sizeof given - n, "%s%s", n ? " " : "", sh->labs[i].name);
            continue;
        }
        nlabs++;
        sh_state_get_result(sh, &sh->labs[i], &s);
        if (s.valid && s.fresh && !s.build_failed)
            got += s.points;
        max += sh->labs[i].max_points;
        done += complete(&s);
    }
    printf("%scoro-labs%s: %d of %d lab%s done, %s of %s points.\n\n", sh_c(SH_BOLD), sh_c(SH_OFF),
           done, nlabs, nlabs == 1 ? "" : "s", sh_pts(got), sh_pts(max));
    printf("     %-22s %9s %9s\n", "lab", "tests", "points");
    for (int i = 0; i < sh->nlabs; i++) {
        struct sh_lab *lab = &sh->labs[i];
        struct sh_summary s;
        char tests[32], pts[32];
        const char *mark = &sh->labs[i] == next ? sh_g(SH_G_NEXT) : " ";

        if (lab->given)
            continue;
        sh_state_get_result(sh, lab, &s);
        if (s.valid && s.fresh && !s.build_failed) {
            snprintf(tests, sizeof tests, "%d/%d", s.passed, s.total);
            snprintf(pts, sizeof pts, "%s/%s", sh_pts(s.points), sh_pts(s.max_points));
        } else {
            snprintf(tests, sizeof tests, "-/%d", lab->npoints);
            snprintf(pts, sizeof pts, "-/%s", sh_pts(lab->max_points));
        }
        printf("  %s%s%s  %-22s %9s %9s   ", sh_c(SH_BOLD), mark, sh_c(SH_OFF), lab->name, tests,
               pts);
        if (lab->npoints == 0)
            printf("%sno tests yet%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
        else if (!s.valid)
            printf("%snot checked yet%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
        else if (!s.fresh && s.build_failed)
            printf("%schanged since the last check (it did not compile)%s\n", sh_c(SH_YELLOW),
                   sh_c(SH_OFF));
        else if (!s.fresh)
            printf("%schanged since the last check (was %d/%d)%s\n", sh_c(SH_YELLOW), s.passed,
                   s.total, sh_c(SH_OFF));
        else if (s.build_failed)
            printf("%sdoes not compile%s\n", sh_c(SH_RED), sh_c(SH_OFF));
        else if (complete(&s))
            printf("%s%s done%s%s\n", sh_c(SH_GREEN), sh_g(SH_G_PASS),
                   s.isolated ? "" : " (--mine)", sh_c(SH_OFF));
        else
            printf("%snext to fix: %s%s\n", sh_c(SH_DIM), s.first_test ? s.first_test : "?",
                   sh_c(SH_OFF));
    }
    if (*given)
        printf("  %s(given, compiled in prebuilt/: %s; your labs are graded against them)%s\n",
               sh_c(SH_DIM), given, sh_c(SH_OFF));
}

int sh_cmd_list(struct sh *sh, int argc, char **argv)
{
    struct sh_lab *next;

    if (argc > 1)
        return sh_usage("list", argv[1]);
    if (sh->nlabs == 0) {
        sh_error("no labs found under %s: no lab0N_* folder has a lab.mk.", sh->root);
        return 2;
    }
    next = next_lab(sh);
    print_table(sh, next);
    if (next)
        print_next(sh, next);
    else
        printf("\n%sEvery lab passes all its tests.%s  %s and %s are still there to "
               "explore.\n", sh_c(SH_GREEN), sh_c(SH_OFF), sh_cmdref("trace"), sh_cmdref("play"));
    return 0;
}

void sh_greet(struct sh *sh)
{
    printf("%sWelcome to coro-labs%s: Python's coroutines, rebuilt in C, one lab at a time.\n",
           sh_c(SH_BOLD), sh_c(SH_OFF));
    printf("%sType `help` for the commands; Tab completes commands, labs, examples and tests.%s\n\n",
           sh_c(SH_DIM), sh_c(SH_OFF));
    if (sh->nlabs == 0) {
        sh_error("no labs found under %s: no lab0N_* folder has a lab.mk.", sh->root);
        return;
    }
    char *argv[] = { "list", NULL };
    sh_cmd_list(sh, 1, argv);
    /* the prompt's lab: where the work is */
    struct sh_lab *next = next_lab(sh);
    if (next && sh->current < 0)
        sh->current = (int)(next - sh->labs);
}

struct sh_lab *sh_progress_next_lab(struct sh *sh)
{
    return next_lab(sh);
}
