/* grade_report.c - report writers (see grade_report.h). */
#include "grade_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int grade_format_parse(const char *name)
{
    static const char *const names[] = { "text", "json", "gradescope", "junit", "tap",
                                         "classroom", NULL };

    for (int i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

/* Numbers as Gradescope likes them: 3, 2.5. */
static void add_num(struct grade_buf *out, double x)
{
    grade_buf_addf(out, "%.10g", x);
}

static void add_json_str(struct grade_buf *out, const char *s)
{
    grade_buf_add_json(out, s ? s : "", s ? strlen(s) : 0);
}

/* The name of a test in a report that may span several labs. */
static char *test_name(const struct grade_labres *lab, const struct grade_test *t, size_t nlabs)
{
    return nlabs > 1 ? grade_strf("%s: %s", lab->lab, t->name) : grade_strdup(t->name);
}

/* What a student reads about one test: why it failed, what it printed. */
static void test_text(const struct grade_test *t, struct grade_buf *out)
{
    if (t->message)
        grade_buf_adds(out, t->message);
    if (t->output && !t->hidden) {
        if (out->len)
            grade_buf_adds(out, "\n");
        grade_buf_adds(out, "--- what the test printed (never read as a result) ---\n");
        grade_buf_adds(out, t->output);
    }
}

/*
 * What a student may see of one lab: its visible tests (hidden ones are
 * counted apart).  A visible summary never adds in a hidden test.
 */
struct shown {
    size_t n, passed, hidden;
    double score, max;
};

static struct shown shown_of(const struct grade_labres *r)
{
    struct shown sh = { 0 };

    for (size_t i = 0; i < r->n; i++) {
        const struct grade_test *t = &r->tests[i];

        if (t->hidden) {
            sh.hidden++;
            continue;
        }
        sh.n++;
        sh.passed += t->passed;
        sh.score += t->score;
        sh.max += t->points;
    }
    return sh;
}

/* Did the grader fail on any lab?  Then there is no grade at all. */
static int any_error(const struct grade_labres *labs, size_t n)
{
    for (size_t l = 0; l < n; l++)
        if (labs[l].error)
            return 1;
    return 0;
}

/* "lab01: GRADER ERROR, no grade: why" (one line per note). */
static void error_text(const struct grade_labres *r, const char *prefix, struct grade_buf *out)
{
    grade_buf_addf(out, "%s%s: GRADER ERROR, no grade was given: the grader or the course set-up "
                        "failed, not the submission\n", prefix, r->lab);
    for (size_t i = 0; i < r->notes.n; i++)
        grade_buf_addf(out, "%s- %s\n", prefix, r->notes.v[i]);
}

/* "S / M points, P of N tests passed[, and K hidden tests ...]" */
static void shown_line(const struct grade_labres *r, struct grade_buf *out)
{
    struct shown sh = shown_of(r);

    add_num(out, sh.score);
    grade_buf_adds(out, " / ");
    add_num(out, sh.max);
    grade_buf_addf(out, " points, %zu of %zu tests passed", sh.passed, sh.n);
    if (sh.hidden)
        grade_buf_addf(out, " (visible tests only: %zu more test%s hidden, %s results "
                            "come with the published grade)", sh.hidden,
                       sh.hidden == 1 ? " is" : "s are", sh.hidden == 1 ? "its" : "their");
}

void grade_report_summary(const struct grade_labres *labs, size_t n, struct grade_buf *out)
{
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];

        if (r->error) {
            error_text(r, "", out);
            continue;
        }
        grade_buf_addf(out, "%s: ", r->lab);
        shown_line(r, out);
        grade_buf_adds(out, "\n");
        for (size_t i = 0; i < r->notes.n; i++)
            grade_buf_addf(out, "- %s\n", r->notes.v[i]);
        if (r->log.len)
            grade_buf_addf(out, "compiler/linker messages:\n%s", grade_buf_str(&r->log));
        if (r->ignored.n) {
            grade_buf_adds(out, "ignored (not graded in this lab):");
            for (size_t i = 0; i < r->ignored.n; i++)
                grade_buf_addf(out, " %s", r->ignored.v[i]);
            grade_buf_adds(out, "\n");
        }
    }
}

static void report_text(const struct grade_labres *labs, size_t n, double elapsed, int colour,
                        struct grade_buf *out)
{
    const char *green = colour ? "\033[32m" : "", *red = colour ? "\033[31m" : "";
    const char *dim = colour ? "\033[2m" : "", *off = colour ? "\033[0m" : "";
    double score = 0, max = 0;
    size_t hidden = 0;

    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        struct shown sh = shown_of(r);
        size_t k = 0;

        if (r->error) {
            grade_buf_adds(out, red);
            error_text(r, "", out);
            grade_buf_adds(out, off);
            if (r->log.len)
                grade_buf_addf(out, "messages:\n%s", grade_buf_str(&r->log));
            grade_buf_adds(out, "\n");
            continue;
        }
        grade_buf_addf(out, "%s: ", r->lab);
        add_num(out, sh.score);
        grade_buf_adds(out, " / ");
        add_num(out, sh.max);
        grade_buf_addf(out, " points (%zu of %zu tests passed, %.1f s)", sh.passed, sh.n,
                       r->elapsed);
        if (sh.hidden)
            grade_buf_addf(out, " and %zu hidden tests (results withheld)", sh.hidden);
        grade_buf_adds(out, "\n  points  result  test\n");
        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];
            char pts[32];

            if (t->hidden) {
                grade_buf_addf(out, "  %-7s %-6s  hidden test %zu (its result is withheld)\n",
                               "?", "hidden", ++k);
                continue;
            }
            snprintf(pts, sizeof pts, "%g/%g", t->score, t->points);
            if (t->speed)
                snprintf(pts, sizeof pts, "%.3g/%g", t->score, t->points);
            grade_buf_addf(out, "  %-7s %s%-6s%s  %s\n", pts, t->passed ? green : red,
                           t->speed ? "speed" : t->passed ? "pass" : "FAIL", off, t->name);
            if ((!t->passed || t->speed) && t->message) {
                const char *m = t->message;
                size_t len = strcspn(m, "\n");

                grade_buf_addf(out, "  %s        %.*s%s%s\n", dim, len > 300 ? 300 : (int)len, m,
                               len > 300 ? "..." : "", off);
            }
        }
        if (r->problems.n) {
            grade_buf_adds(out, "problems:");
            for (size_t i = 0; i < r->problems.n; i++)
                grade_buf_addf(out, "%s %s", i ? "," : "", r->problems.v[i]);
            grade_buf_adds(out, "\n");
        }
        for (size_t i = 0; i < r->notes.n; i++)
            grade_buf_addf(out, "  - %s\n", r->notes.v[i]);
        if (r->log.len) {
            grade_buf_adds(out, "compiler/linker messages:\n");
            for (const char *p = grade_buf_str(&r->log); *p;) {
                size_t len = strcspn(p, "\n");

                grade_buf_addf(out, "  %.*s\n", (int)len, p);
                p += len + (p[len] ? 1 : 0);
            }
        }
        if (r->ignored.n) {
            grade_buf_adds(out, "ignored (not part of this lab):");
            for (size_t i = 0; i < r->ignored.n; i++)
                grade_buf_addf(out, " %s", r->ignored.v[i]);
            grade_buf_adds(out, "\n");
        }
        grade_buf_adds(out, "\n");
        score += sh.score;
        max += sh.max;
        hidden += sh.hidden;
    }
    if (n > 1 && !any_error(labs, n)) {
        grade_buf_adds(out, "total: ");
        add_num(out, score);
        grade_buf_adds(out, " / ");
        add_num(out, max);
        grade_buf_addf(out, " points%s (%.1f s)\n", hidden ? " on the visible tests" : "",
                       elapsed);
    }
}

static void report_json(const struct grade_labres *labs, size_t n, double elapsed,
                        int gradescope, struct grade_buf *out)
{
    struct grade_buf summary, text;
    double score = 0, max = 0;
    int first = 1, error = any_error(labs, n);

    for (size_t l = 0; l < n; l++) {
        score += labs[l].score;
        max += labs[l].max;
    }
    grade_buf_init(&summary);
    grade_buf_init(&text);
    grade_report_summary(labs, n, &summary);
    if (error) {
        /* No score anywhere, not even per test (Gradescope would add those
         * up): a clear message instead. */
        grade_buf_adds(out, "{\n  \"error\": ");
        add_json_str(out, "GRADER ERROR: no grade was given; the grader or the course set-up "
                          "failed, not the submission (see output)");
    } else {
        /* "score" and "max_score" first: scripts read the first "score". */
        grade_buf_adds(out, "{\n  \"score\": ");
        add_num(out, score);
        grade_buf_adds(out, ",\n  \"max_score\": ");
        add_num(out, max);
    }
    grade_buf_addf(out, ",\n  \"execution_time\": %.3f,\n  \"output\": ", elapsed);
    add_json_str(out, grade_buf_str(&summary));
    if (gradescope)
        grade_buf_adds(out, ",\n  \"visibility\": \"visible\",\n  \"stdout_visibility\": \"hidden\"");
    grade_buf_adds(out, gradescope ? ",\n  \"extra_data\": {\"labs\": [" : ",\n  \"labs\": [");
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];

        grade_buf_addf(out, "%s\n    {\"lab\": ", l ? "," : "");
        add_json_str(out, r->lab);
        if (error) {
            grade_buf_adds(out, ", \"points\": null, \"max_points\": null");
        } else {
            grade_buf_adds(out, ", \"points\": ");
            add_num(out, r->score);
            grade_buf_adds(out, ", \"max_points\": ");
            add_num(out, r->max);
        }
        grade_buf_addf(out, ", \"submitted\": %s, \"grader_error\": %s, \"problems\": [",
                       r->submitted ? "true" : "false", r->error ? "true" : "false");
        for (size_t i = 0; i < r->problems.n; i++) {
            grade_buf_adds(out, i ? ", " : "");
            add_json_str(out, r->problems.v[i]);
        }
        grade_buf_adds(out, "], \"ignored\": [");
        for (size_t i = 0; i < r->ignored.n; i++) {
            grade_buf_adds(out, i ? ", " : "");
            add_json_str(out, r->ignored.v[i]);
        }
        grade_buf_adds(out, "]}");
    }
    grade_buf_adds(out, gradescope ? "\n  ]},\n  \"tests\": [" : "\n  ],\n  \"tests\": [");
    for (size_t l = 0; l < n && !error; l++) {
        for (size_t i = 0; i < labs[l].n; i++) {
            const struct grade_test *t = &labs[l].tests[i];
            char *name = test_name(&labs[l], t, n);

            grade_buf_adds(out, first ? "\n    {\"name\": " : ",\n    {\"name\": ");
            first = 0;
            add_json_str(out, name);
            free(name);
            grade_buf_adds(out, ", \"score\": ");
            add_num(out, t->score);
            grade_buf_adds(out, ", \"max_score\": ");
            add_num(out, t->points);
            grade_buf_addf(out, ", \"status\": \"%s\"", t->passed ? "passed" : "failed");
            if (gradescope) {
                grade_buf_addf(out, ", \"visibility\": \"%s\"",
                               t->hidden ? "after_published" : "visible");
                grade_buf_addf(out, ", \"execution_time\": %.6f", t->time > 0 ? t->time : 0);
                grade_buf_adds(out, ", \"tags\": [");
                add_json_str(out, labs[l].lab);
                grade_buf_adds(out, "]");
            } else if (t->hidden) {
                grade_buf_adds(out, ", \"hidden\": true");
            }
            grade_buf_reset(&text);
            if (t->hidden && !gradescope)   /* json cannot hide: withheld */
                grade_buf_adds(&text, "hidden test: what it says is withheld");
            else
                test_text(t, &text);
            grade_buf_adds(out, ", \"output\": ");
            add_json_str(out, grade_buf_str(&text));
            if (t->speed && t->ratio > 0) {
                /* the figures the score comes from: a number to improve */
                grade_buf_adds(out, gradescope ? ", \"extra_data\": {\"speed\": {" : ", \"speed\": {");
                grade_buf_addf(out, "\"student_ns_per_op\": %.4g, \"reference_ns_per_op\": %.4g, "
                                    "\"ratio\": %.4g, \"credit\": %.4g}", t->mine_ns, t->ref_ns,
                               t->ratio, t->credit);
                if (gradescope)
                    grade_buf_adds(out, "}");
            } else if (t->speed && !gradescope) {
                grade_buf_adds(out, ", \"speed\": null");
            }
            if (!gradescope && !t->hidden && t->where) {
                /* where Check last saw the test: the failing check's line */
                grade_buf_adds(out, ", \"where\": ");
                add_json_str(out, t->where);
                if (t->tcase) {
                    grade_buf_adds(out, ", \"tcase\": ");
                    add_json_str(out, t->tcase);
                }
            }
            grade_buf_adds(out, "}");
        }
    }
    grade_buf_adds(out, first ? "]\n}\n" : "\n  ]\n}\n");
    grade_buf_destroy(&summary);
    grade_buf_destroy(&text);
}

static void report_junit(const struct grade_labres *labs, size_t n, double elapsed,
                         struct grade_buf *out)
{
    size_t total = 0, failures = 0, errors = 0;
    struct grade_buf text;

    grade_buf_init(&text);
    for (size_t l = 0; l < n; l++) {
        if (labs[l].error) {
            total++;
            errors++;
            continue;
        }
        for (size_t i = 0; i < labs[l].n; i++, total++)
            failures += !labs[l].tests[i].passed && !labs[l].tests[i].hidden;
    }
    grade_buf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<testsuites name=\"coro-labs\" tests=\"%zu\" failures=\"%zu\" "
                        "errors=\"%zu\" time=\"%.3f\">\n", total, failures, errors, elapsed);
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        struct shown sh = shown_of(r);
        size_t k = 0;

        grade_buf_adds(out, "  <testsuite name=\"");
        grade_buf_add_xml(out, r->lab, strlen(r->lab));
        if (r->error) {
            /* No score: one test case in error, saying why. */
            grade_buf_reset(&text);
            error_text(r, "", &text);
            grade_buf_addf(out, "\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"%.3f\">\n"
                                "    <testcase classname=\"", r->elapsed);
            grade_buf_add_xml(out, r->lab, strlen(r->lab));
            grade_buf_adds(out, "\" name=\"grader\">\n      <error message=\"");
            grade_buf_add_xml(out, text.data, strcspn(text.data, "\n"));
            grade_buf_adds(out, "\">");
            grade_buf_add_xml(out, text.data, text.len);
            grade_buf_adds(out, "</error>\n    </testcase>\n  </testsuite>\n");
            continue;
        }
        grade_buf_addf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
                            "time=\"%.3f\">\n", r->n, sh.n - sh.passed, sh.hidden, r->elapsed);
        grade_buf_adds(out, "    <properties>\n      <property name=\"score\" value=\"");
        add_num(out, sh.score);
        grade_buf_adds(out, "\"/>\n      <property name=\"max_score\" value=\"");
        add_num(out, sh.max);
        grade_buf_addf(out, "\"/>\n      <property name=\"hidden_tests\" value=\"%zu\"/>\n"
                            "    </properties>\n", sh.hidden);
        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];

            grade_buf_adds(out, "    <testcase classname=\"");
            grade_buf_add_xml(out, r->lab, strlen(r->lab));
            if (t->hidden) {
                /* JUnit cannot hide a test case: no name, no result. */
                grade_buf_addf(out, ".hidden\" name=\"hidden test %zu\" time=\"0\">\n"
                                    "      <skipped message=\"hidden test: its result is "
                                    "withheld\"/>\n    </testcase>\n", ++k);
                continue;
            }
            if (t->tcase) {
                grade_buf_adds(out, ".");
                grade_buf_add_xml(out, t->tcase, strlen(t->tcase));
            }
            grade_buf_adds(out, "\" name=\"");
            grade_buf_add_xml(out, t->name, strlen(t->name));
            grade_buf_addf(out, "\" time=\"%.6f\">\n", t->time > 0 ? t->time : 0);
            if (!t->passed) {
                const char *m = t->message ? t->message : "failed";

                grade_buf_adds(out, "      <failure message=\"");
                grade_buf_add_xml(out, m, strcspn(m, "\n"));
                grade_buf_adds(out, "\">");
                grade_buf_add_xml(out, m, strlen(m));
                grade_buf_adds(out, "</failure>\n");
            }
            if (t->output) {
                grade_buf_adds(out, "      <system-out>");
                grade_buf_add_xml(out, t->output, strlen(t->output));
                grade_buf_adds(out, "</system-out>\n");
            }
            grade_buf_adds(out, "    </testcase>\n");
        }
        grade_buf_adds(out, "    <system-out>");
        grade_buf_reset(&text);
        grade_report_summary(r, 1, &text);
        grade_buf_add_xml(out, text.data ? text.data : "", text.len);
        grade_buf_adds(out, "</system-out>\n  </testsuite>\n");
    }
    grade_buf_adds(out, "</testsuites>\n");
    grade_buf_destroy(&text);
}

/* A failure's details as a TAP 13 YAML block; the message as a
 * double-quoted scalar (JSON's escapes are YAML's). */
static void tap_yaml(struct grade_buf *out, const struct grade_labres *r,
                     const struct grade_test *t)
{
    grade_buf_adds(out, "  ---\n  message: ");
    add_json_str(out, t->message ? t->message : "failed");
    grade_buf_adds(out, "\n  severity: fail\n  lab: ");
    add_json_str(out, r->lab);
    grade_buf_adds(out, "\n  points: ");
    add_num(out, t->score);
    grade_buf_adds(out, "\n  max_points: ");
    add_num(out, t->points);
    if (t->output) {
        grade_buf_adds(out, "\n  output: ");
        add_json_str(out, t->output);
    }
    grade_buf_adds(out, "\n  ...\n");
}

static void report_tap(const struct grade_labres *labs, size_t n, struct grade_buf *out)
{
    size_t total = 0, k = 0;
    double score = 0, max = 0;

    grade_buf_adds(out, "TAP version 13\n");
    for (size_t l = 0; l < n; l++) {
        if (labs[l].error) {
            /* No grade: stop the stream, saying why. */
            struct grade_buf why;

            grade_buf_init(&why);
            error_text(&labs[l], "", &why);
            grade_buf_addf(out, "Bail out! %.*s\n", (int)strcspn(why.data, "\n"), why.data);
            for (size_t i = 0; i < labs[l].notes.n; i++)
                grade_buf_addf(out, "# - %s\n", labs[l].notes.v[i]);
            grade_buf_destroy(&why);
            return;
        }
        total += labs[l].n;
    }
    grade_buf_addf(out, "1..%zu\n", total);
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        struct shown sh = shown_of(r);
        size_t h = 0;

        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];

            if (t->hidden) {
                grade_buf_addf(out, "ok %zu - %s: hidden test %zu # SKIP hidden: its result "
                                    "is withheld\n", ++k, r->lab, ++h);
                continue;
            }
            grade_buf_addf(out, "%s %zu - %s: %s (%g/%g)\n", t->passed ? "ok" : "not ok",
                           ++k, r->lab, t->name, t->score, t->points);
            if (!t->passed)
                tap_yaml(out, r, t);
        }
        grade_buf_addf(out, "# %s: ", r->lab);
        shown_line(r, out);
        grade_buf_adds(out, "\n");
        for (size_t i = 0; i < r->notes.n; i++)
            grade_buf_addf(out, "# - %s\n", r->notes.v[i]);
        score += sh.score;
        max += sh.max;
    }
    grade_buf_adds(out, "# total: ");
    add_num(out, score);
    grade_buf_adds(out, " / ");
    add_num(out, max);
    grade_buf_adds(out, "\n");
}

static void report_classroom(const struct grade_labres *labs, size_t n, struct grade_buf *out)
{
    double max = 0;
    size_t hidden = 0;
    int all = 1, first = 1;
    struct grade_buf text;

    grade_buf_init(&text);
    if (any_error(labs, n)) {
        /* No score at all: the reporter shows the message. */
        for (size_t l = 0; l < n; l++)
            if (labs[l].error)
                error_text(&labs[l], "", &text);
        grade_buf_adds(out, "{\"version\": 1, \"status\": \"error\", \"message\": ");
        add_json_str(out, grade_buf_str(&text));
        grade_buf_adds(out, ", \"tests\": []}\n");
        grade_buf_destroy(&text);
        return;
    }
    for (size_t l = 0; l < n; l++) {
        struct shown sh = shown_of(&labs[l]);

        max += sh.max;
        hidden += sh.hidden;
        all = all && sh.passed == sh.n;
    }
    grade_buf_addf(out, "{\"version\": 1, \"status\": \"%s\", \"max_score\": ", all ? "pass" : "fail");
    add_num(out, max);
    /* The reporter adds up every test it is given: hidden tests are only
     * counted here, never listed. */
    grade_buf_addf(out, ", \"hidden_tests\": %zu, \"tests\": [", hidden);
    for (size_t l = 0; l < n; l++) {
        for (size_t i = 0; i < labs[l].n; i++) {
            const struct grade_test *t = &labs[l].tests[i];
            char *name;

            if (t->hidden)
                continue;
            name = test_name(&labs[l], t, n);
            grade_buf_adds(out, first ? "\n  {\"name\": " : ",\n  {\"name\": ");
            first = 0;
            add_json_str(out, name);
            free(name);
            grade_buf_addf(out, ", \"status\": \"%s\", \"score\": ", t->passed ? "pass" : "fail");
            add_num(out, t->score);
            grade_buf_adds(out, ", \"message\": ");
            grade_buf_reset(&text);
            test_text(t, &text);
            add_json_str(out, grade_buf_str(&text));
            grade_buf_adds(out, ", \"test_code\": \"\", \"filename\": \"\", \"line_no\": 0");
            grade_buf_addf(out, ", \"execution_time\": \"%.3fs\"}", t->time > 0 ? t->time : 0);
        }
    }
    grade_buf_adds(out, "\n]}\n");
    grade_buf_destroy(&text);
}

void grade_report(enum grade_format fmt, const struct grade_labres *labs, size_t n,
                  double elapsed, int colour, struct grade_buf *out)
{
    switch (fmt) {
    case GRADE_TEXT:
        report_text(labs, n, elapsed, colour, out);
        break;
    case GRADE_JSON:
        report_json(labs, n, elapsed, 0, out);
        break;
    case GRADE_GRADESCOPE:
        report_json(labs, n, elapsed, 1, out);
        break;
    case GRADE_JUNIT:
        report_junit(labs, n, elapsed, out);
        break;
    case GRADE_TAP:
        report_tap(labs, n, out);
        break;
    case GRADE_CLASSROOM:
        report_classroom(labs, n, out);
        break;
    }
}
