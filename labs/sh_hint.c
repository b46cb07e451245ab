/*
 * sh_hint.c - `hint [LAB] [STEP]`: graded hints, one at a time.
 *
 * A lab's hints.md has one section per step of the handout,
 *     ## Step 2: gen_send
 *     1. a gentle nudge
 *     2. more
 *     3. nearly the answer
 * and the shell reveals them in order, remembering (in the cache file)
 * how many of each step the student has seen, so that `hint` again gives
 * the next, more revealing one.  Without STEP, the step is the one the
 * manifest (lab.mk) gives the last first-failing test: the first failing
 * step.
 */
#include "sh.h"

#include "co_lab.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct hint_step {
    int number;              /* N of "## Step N" */
    char *title;             /* the heading after "Step N", maybe "" */
    char *body;              /* the whole section, for searching */
    struct sh_strs hints;    /* "1." "2." ... in order, without the number */
};

struct hints {
    struct hint_step *steps;
    int n;
};

static void hints_free(struct hints *h)
{
    for (int i = 0; i < h->n; i++) {
        free(h->steps[i].title);
        free(h->steps[i].body);
        sh_strs_free(&h->steps[i].hints);
    }
    free(h->steps);
    memset(h, 0, sizeof *h);
}

/* "## Step 3: fibo_new" -> 3, title "fibo_new" */
static bool step_heading(const char *line, int *number, const char **title)
{
    const char *p = line;
    if (strncmp(p, "##", 2) != 0 || p[2] == '#')
        return false;
    p += 2;
    while (*p == ' ')
        p++;
    if (strncasecmp(p, "step", 4) != 0)
        return false;
    p += 4;
    while (*p == ' ')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    *number = atoi(p);
    while (isdigit((unsigned char)*p))
        p++;
    while (*p == ' ' || *p == ':' || *p == '.' || *p == '-')
        p++;
    /* an em dash or similar separator */
    if (strncmp(p, "\xe2\x80\x94", 3) == 0 || strncmp(p, "\xe2\x80\x93", 3) == 0)
        p += 3;
    while (*p == ' ')
        p++;
    *title = p;
    return true;
}

/* "1. text" (up to three spaces before) -> text */
static const char *item_start(const char *line)
{
    const char *p = line;
    int sp = 0;
    while (*p == ' ' && sp < 4)
        p++, sp++;
    if (sp > 3 || !isdigit((unsigned char)*p))
        return NULL;
    while (isdigit((unsigned char)*p))
        p++;
    if ((*p != '.' && *p != ')') || (p[1] != ' ' && p[1] != '\0'))
        return NULL;
    p++;
    while (*p == ' ')
        p++;
    return p;
}

static int hints_load(struct sh *sh, struct sh_lab *lab, struct hints *h)
{
    char path[4400];
    char *text = sh_read_file(sh_lab_path(sh, lab, "hints.md", path, sizeof path), NULL);
    struct hint_step *cur = NULL;
    struct sh_buf item = { 0 }, body = { 0 };
    bool in_item = false, fence = false;

    memset(h, 0, sizeof *h);
    if (!text)
        return -1;
    for (char *p = text; p;) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        int num;
        const char *title, *it;
        bool heading = !fence && strncmp(p, "## ", 3) == 0;
        if (heading) {
            /* close the item and the step before it */
            if (cur && in_item)
                sh_strs_add(&cur->hints, sh_buf_str(&item));
            if (cur) {
                cur->body = strdup(sh_buf_str(&body));
            }
            in_item = false;
            item.len = 0;
            body.len = 0;
            sh_buf_add(&item, "", 0);
            sh_buf_add(&body, "", 0);
            cur = NULL;
            if (step_heading(p, &num, &title)) {
                struct hint_step *v = realloc(h->steps, sizeof *v * (size_t)(h->n + 1));
                if (v) {
                    h->steps = v;
                    cur = &h->steps[h->n++];
                    memset(cur, 0, sizeof *cur);
                    cur->number = num;
                    cur->title = strdup(title);
                    sh_buf_add(&body, p, strlen(p));
                    sh_buf_add(&body, "\n", 1);
                }
            }
        } else if (cur) {
            sh_buf_add(&body, p, strlen(p));
            sh_buf_add(&body, "\n", 1);
            if (strncmp(p, "```", 3) == 0)
                fence = !fence;
            if (!fence && (it = item_start(p)) != NULL) {
                if (in_item)
                    sh_strs_add(&cur->hints, sh_buf_str(&item));
                item.len = 0;
                sh_buf_add(&item, "", 0);
                sh_buf_add(&item, it, strlen(it));
                in_item = true;
            } else if (in_item) {
                /* a continuation line (or a code line) of the item */
                sh_buf_add(&item, "\n", 1);
                sh_buf_add(&item, p, strlen(p));
            }
        }
        p = eol ? eol + 1 : NULL;
    }
    if (cur && in_item)
        sh_strs_add(&cur->hints, sh_buf_str(&item));
    if (cur)
        cur->body = strdup(sh_buf_str(&body));
    sh_buf_free(&item);
    sh_buf_free(&body);
    free(text);
    /* trailing blank lines of each hint */
    for (int i = 0; i < h->n; i++)
        for (int k = 0; k < h->steps[i].hints.n; k++) {
            char *s = h->steps[i].hints.v[k];
            size_t n = strlen(s);
            while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
                s[--n] = '\0';
        }
    return 0;
}

int sh_hint_steps(struct sh *sh, struct sh_lab *lab, int *numbers, int max)
{
    struct hints h;
    int n = 0;

    if (hints_load(sh, lab, &h) != 0)
        return 0;
    for (int i = 0; i < h.n; i++) {
        if (h.steps[i].hints.n == 0)
            continue;
        if (numbers && n < max)
            numbers[n] = h.steps[i].number;
        n++;
    }
    hints_free(&h);
    return n;
}

static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    if (!n)
        return false;
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool left = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        bool right = !(isalnum((unsigned char)p[n]) || p[n] == '_');
        if (left && right)
            return true;
    }
    return false;
}

static int step_for(const struct hints *h, const char *func, int marker_step,
                    const char *test_file, const char *test)
{
    const char *base = test_file ? strrchr(test_file, '/') : NULL;
    base = base ? base + 1 : test_file;
    if (func && *func)
        for (int i = 0; i < h->n; i++)
            if (has_word(h->steps[i].title, func) && h->steps[i].hints.n)
                return h->steps[i].number;
    if (marker_step > 0)
        for (int i = 0; i < h->n; i++)
            if (h->steps[i].number == marker_step && h->steps[i].hints.n)
                return marker_step;
    if (func && *func)
        for (int i = 0; i < h->n; i++)
            if (has_word(h->steps[i].body, func) && h->steps[i].hints.n)
                return h->steps[i].number;
    if (test && *test)
        for (int i = 0; i < h->n; i++)
            if (strstr(h->steps[i].body, test) && h->steps[i].hints.n)
                return h->steps[i].number;
    if (base && *base)
        for (int i = 0; i < h->n; i++)
            if (strstr(h->steps[i].body, base) && h->steps[i].hints.n)
                return h->steps[i].number;
    return 0;
}

int sh_hint_step_for(struct sh *sh, struct sh_lab *lab, const char *func, int marker_step,
                     const char *test_file, const char *test)
{
    struct hints h;
    int step;

    /* the manifest first: the test's step, or the step asking for func */
    if (sh_lab_test_step(lab, test) > 0)
        return sh_lab_test_step(lab, test);
    if (func && *func && lab->manifest && co_lab_step_of_func(lab->manifest, func))
        return co_lab_step_of_func(lab->manifest, func)->number;
    if (hints_load(sh, lab, &h) != 0)
        return 0;
    step = step_for(&h, func, marker_step, test_file, test);
    hints_free(&h);
    return step;
}

/* Which step a bare `hint LAB` means: where the last failure points, or
 * the first TODO left, or the first step. */
static int default_step(struct sh *sh, struct sh_lab *lab, const struct hints *h)
{
    struct sh_summary s;
    struct sh_todo t;
    int step = 0;

    sh_state_get_result(sh, lab, &s);
    if (s.valid && s.fresh && s.first_test && sh_lab_test_step(lab, s.first_test) > 0) {
        step = sh_lab_test_step(lab, s.first_test);
    } else if (s.valid && s.fresh && s.first_test) {
        char file[512] = "";
        if (s.first_where) {
            snprintf(file, sizeof file, "%s", s.first_where);
            char *colon = strchr(file, ':');
            if (colon)
                *colon = '\0';
        }
        if (sh_todo_for_test(sh, lab, file, s.first_tcase, s.first_test, &t) == 0)
            step = step_for(h, t.func, t.step, file, s.first_test);
    } else if (sh_todo_first(sh, lab, &t) == 0 && t.todo_left) {
        step = t.step > 0 ? t.step : step_for(h, t.func, t.step, NULL, NULL);
    }
    for (int i = 0; !step && i < h->n; i++)
        if (h->steps[i].hints.n)
            step = h->steps[i].number;
    return step;
}

static void show_hint(const struct hint_step *st, int k, bool dim)
{
    printf("%s%2d.%s ", dim ? sh_c(SH_DIM) : sh_c(SH_BOLD), k + 1, sh_c(SH_OFF));
    if (dim)
        printf("%s", sh_c(SH_DIM));
    /* the first line follows the number, the rest is indented */
    sh_wrap_at(stdout, st->hints.v[k], 4, 4);
    if (dim)
        printf("%s", sh_c(SH_OFF));
}

int sh_cmd_hint(struct sh *sh, int argc, char **argv)
{
    const char *labname = NULL, *stepname = NULL;
    bool all = false, reset = false;
    struct sh_lab *lab;
    struct hints h;
    struct hint_step *st = NULL;
    int step;
    char sl[16];

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--all") || sh_opt(argv[i], "-a"))
            all = true;
        else if (sh_opt(argv[i], "--reset"))
            reset = true;
        else if (argv[i][0] == '-')
            return sh_usage("hint", argv[i]);
        else if (!labname)
            labname = argv[i];
        else if (!stepname)
            stepname = argv[i];
        else
            return sh_usage("hint", argv[i]);
    }
    lab = labname ? sh_lab_find(sh, labname, true) : sh_lab_default(sh);
    if (!lab || !sh_lab_handed_out(lab))
        return 2;
    if (hints_load(sh, lab, &h) != 0) {
        sh_error("%s has no hints.md yet.  Its README.md walks through every step.", lab->name);
        return 1;
    }
    if (h.n == 0) {
        sh_error("%s/hints.md has no \"## Step N\" sections.", lab->name);
        hints_free(&h);
        return 1;
    }
    if (stepname) {
        char *end;
        step = (int)strtol(stepname, &end, 10);
        if (*end || end == stepname) {
            sh_error("\"%s\" is not a step number: `hint %s N` with N one of the steps below.",
                     stepname, sh_lab_short(lab, sl, sizeof sl));
            step = -1;
        }
    } else {
        struct sh_summary sum;

        sh_state_get_result(sh, lab, &sum);
        if (sum.valid && sum.fresh && !sum.build_failed && sum.total > 0 &&
            sum.passed == sum.total) {
            /* nothing left to hint at: say so, and what comes next */
            struct sh_lab *next = sh_progress_next_lab(sh);

            printf("%s%s is done:%s every test passes (%d of %d, as your last check found).\n",
                   sh_c(SH_GREEN), lab->name, sh_c(SH_OFF), sum.passed, sum.total);
            if (next && next != lab)
                printf("Next: %s: read %s/README.md, then %s.\n", next->name, next->name,
                       sh_cmdref("check %s", sh_lab_short(next, sl, sizeof sl)));
            else
                printf("Every lab passes.\n");
            printf("%s(A step's hints are still there: %s.)%s\n", sh_c(SH_DIM),
                   sh_cmdref("hint %s N", sh_lab_short(lab, sl, sizeof sl)), sh_c(SH_OFF));
            hints_free(&h);
            return 0;
        }
        step = default_step(sh, lab, &h);
    }
    for (int i = 0; i < h.n; i++)
        if (h.steps[i].number == step && h.steps[i].hints.n)
            st = &h.steps[i];
    if (!st) {
        if (step >= 0)
            sh_error("%s has no hints for step %d.", lab->name, step);
        printf("Steps with hints:\n");
        for (int i = 0; i < h.n; i++)
            if (h.steps[i].hints.n)
                printf("  %d  %s (%d hints)\n", h.steps[i].number, h.steps[i].title,
                       h.steps[i].hints.n);
        hints_free(&h);
        return 2;
    }

    int shown = sh_state_hints_shown(sh, lab->name, st->number);
    if (reset) {
        sh_state_set_hints_shown(sh, lab->name, st->number, 0);
        sh_state_save(sh);
        printf("Hints of %s step %d will start again from the first.\n", lab->name, st->number);
        hints_free(&h);
        return 0;
    }
    printf("%s%s, step %d%s%s%s\n", sh_c(SH_BOLD), lab->name, st->number,
           st->title[0] ? ": " : "", st->title, sh_c(SH_OFF));
    if (all) {
        if (shown == 0)
            shown = 1;
        for (int k = 0; k < shown && k < st->hints.n; k++)
            show_hint(st, k, false);
        sh_state_set_hints_shown(sh, lab->name, st->number, shown);
        sh_state_save(sh);
        if (shown < st->hints.n)
            printf("%s(%d of %d shown; %s reveals the next.)%s\n", sh_c(SH_DIM), shown,
                   st->hints.n, sh_cmdref("hint %s %d", sh_lab_short(lab, sl, sizeof sl), st->number),
                   sh_c(SH_OFF));
        hints_free(&h);
        return 0;
    }
    if (shown >= st->hints.n) {
        show_hint(st, st->hints.n - 1, false);
        printf("%sThat is the last hint for step %d (%d of %d).  %s shows them "
               "all again.%s\n", sh_c(SH_DIM), st->number, st->hints.n, st->hints.n,
               sh_cmdref("hint %s %d --all", sh_lab_short(lab, sl, sizeof sl), st->number),
               sh_c(SH_OFF));
        hints_free(&h);
        return 0;
    }
    for (int k = 0; k < shown; k++)
        show_hint(st, k, true);
    show_hint(st, shown, false);
    shown++;
    sh_state_set_hints_shown(sh, lab->name, st->number, shown);
    sh_state_save(sh);
    if (shown < st->hints.n)
        printf("%s(hint %d of %d.  Try it first; %s again gives a more revealing "
               "one.)%s\n", sh_c(SH_DIM), shown, st->hints.n,
               sh_cmdref("hint %s %d", sh_lab_short(lab, sl, sizeof sl), st->number), sh_c(SH_OFF));
    else
        printf("%s(hint %d of %d: the last one for this step.)%s\n", sh_c(SH_DIM), shown,
               st->hints.n, sh_c(SH_OFF));
    hints_free(&h);
    return 0;
}
