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

void grade_report_summary(const struct grade_labres *labs, size_t n, struct grade_buf *out)
{
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        size_t passed = 0;

        for (size_t i = 0; i < r->n; i++)
            passed += r->tests[i].passed;
        grade_buf_addf(out, "%s: ", r->lab);
        add_num(out, r->score);
        grade_buf_adds(out, " / ");
        add_num(out, r->max);
        grade_buf_addf(out, " points, %zu of %zu tests passed\n", passed, r->n);
        if (r->error)
            grade_buf_adds(out, "GRADER ERROR: the grade is incomplete\n");
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

    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        size_t passed = 0;

        for (size_t i = 0; i < r->n; i++)
            passed += r->tests[i].passed;
        grade_buf_addf(out, "%s: ", r->lab);
        add_num(out, r->score);
        grade_buf_adds(out, " / ");
        add_num(out, r->max);
        grade_buf_addf(out, " points (%zu of %zu tests passed, %.1f s)\n", passed, r->n,
                       r->elapsed);
        grade_buf_adds(out, "  points  result  test\n");
        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];
            char pts[32];

            snprintf(pts, sizeof pts, "%g/%g", t->score, t->points);
            grade_buf_addf(out, "  %-7s %s%-6s%s  %s%s\n", pts, t->passed ? green : red,
                           t->passed ? "pass" : "FAIL", off, t->name,
                           t->hidden ? " (hidden)" : "");
            if (!t->passed && t->message) {
                const char *m = t->message;
                size_t len = strcspn(m, "\n");

                grade_buf_addf(out, "  %s        %.*s%s%s\n", dim, len > 300 ? 300 : (int)len, m,
                               len > 300 ? "..." : "", off);
            }
        }
        if (r->error)
            grade_buf_addf(out, "%sGRADER ERROR: this grade is incomplete%s\n", red, off);
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
        score += r->score;
        max += r->max;
    }
    if (n > 1) {
        grade_buf_adds(out, "total: ");
        add_num(out, score);
        grade_buf_adds(out, " / ");
        add_num(out, max);
        grade_buf_addf(out, " points (%.1f s)\n", elapsed);
    }
}

static void report_json(const struct grade_labres *labs, size_t n, double elapsed,
                        int gradescope, struct grade_buf *out)
{
    struct grade_buf summary, text;
    double score = 0, max = 0;
    int first = 1;

    for (size_t l = 0; l < n; l++) {
        score += labs[l].score;
        max += labs[l].max;
    }
    grade_buf_init(&summary);
    grade_buf_init(&text);
    grade_report_summary(labs, n, &summary);
    /* "score" and "max_score" first: scripts read the first "score". */
    grade_buf_adds(out, "{\n  \"score\": ");
    add_num(out, score);
    grade_buf_adds(out, ",\n  \"max_score\": ");
    add_num(out, max);
    grade_buf_addf(out, ",\n  \"execution_time\": %.3f,\n  \"output\": ", elapsed);
    add_json_str(out, grade_buf_str(&summary));
    if (gradescope)
        grade_buf_adds(out, ",\n  \"visibility\": \"visible\",\n  \"stdout_visibility\": \"hidden\"");
    grade_buf_adds(out, gradescope ? ",\n  \"extra_data\": {\"labs\": [" : ",\n  \"labs\": [");
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];

        grade_buf_addf(out, "%s\n    {\"lab\": ", l ? "," : "");
        add_json_str(out, r->lab);
        grade_buf_adds(out, ", \"points\": ");
        add_num(out, r->score);
        grade_buf_adds(out, ", \"max_points\": ");
        add_num(out, r->max);
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
    for (size_t l = 0; l < n; l++) {
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
            test_text(t, &text);
            grade_buf_adds(out, ", \"output\": ");
            add_json_str(out, grade_buf_str(&text));
            grade_buf_adds(out, "}");
        }
    }
    grade_buf_adds(out, "\n  ]\n}\n");
    grade_buf_destroy(&summary);
    grade_buf_destroy(&text);
}

static void report_junit(const struct grade_labres *labs, size_t n, double elapsed,
                         struct grade_buf *out)
{
    size_t total = 0, failures = 0;
    struct grade_buf text;

    grade_buf_init(&text);
    for (size_t l = 0; l < n; l++)
        for (size_t i = 0; i < labs[l].n; i++, total++)
            failures += !labs[l].tests[i].passed;
    grade_buf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<testsuites name=\"coro-labs\" tests=\"%zu\" failures=\"%zu\" "
                        "time=\"%.3f\">\n", total, failures, elapsed);
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];
        size_t f = 0;

        for (size_t i = 0; i < r->n; i++)
            f += !r->tests[i].passed;
        grade_buf_adds(out, "  <testsuite name=\"");
        grade_buf_add_xml(out, r->lab, strlen(r->lab));
        grade_buf_addf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\" time=\"%.3f\">\n",
                       r->n, f, r->error, r->elapsed);
        grade_buf_adds(out, "    <properties>\n      <property name=\"score\" value=\"");
        add_num(out, r->score);
        grade_buf_adds(out, "\"/>\n      <property name=\"max_score\" value=\"");
        add_num(out, r->max);
        grade_buf_adds(out, "\"/>\n    </properties>\n");
        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];

            grade_buf_adds(out, "    <testcase classname=\"");
            grade_buf_add_xml(out, r->lab, strlen(r->lab));
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
            if (t->output && !t->hidden) {
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

/* A TAP diagnostic: every line of s prefixed with "  # ". */
static void tap_comment(struct grade_buf *out, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, "\n");

        grade_buf_addf(out, "  # %.*s\n", (int)len, s);
        s += len + (s[len] ? 1 : 0);
    }
}

static void report_tap(const struct grade_labres *labs, size_t n, struct grade_buf *out)
{
    size_t total = 0, k = 0;
    double score = 0, max = 0;

    for (size_t l = 0; l < n; l++)
        total += labs[l].n;
    grade_buf_addf(out, "TAP version 13\n1..%zu\n", total);
    for (size_t l = 0; l < n; l++) {
        const struct grade_labres *r = &labs[l];

        for (size_t i = 0; i < r->n; i++) {
            const struct grade_test *t = &r->tests[i];

            grade_buf_addf(out, "%s %zu - %s: %s (%g/%g)%s\n", t->passed ? "ok" : "not ok",
                           ++k, r->lab, t->name, t->score, t->points,
                           t->hidden ? " [hidden]" : "");
            if (!t->passed && t->message)
                tap_comment(out, t->message);
        }
        grade_buf_addf(out, "# %s: ", r->lab);
        add_num(out, r->score);
        grade_buf_adds(out, " / ");
        add_num(out, r->max);
        grade_buf_adds(out, "\n");
        for (size_t i = 0; i < r->notes.n; i++)
            grade_buf_addf(out, "# - %s\n", r->notes.v[i]);
        score += r->score;
        max += r->max;
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
    int all = 1, first = 1;
    struct grade_buf text;

    grade_buf_init(&text);
    for (size_t l = 0; l < n; l++) {
        max += labs[l].max;
        for (size_t i = 0; i < labs[l].n; i++)
            all = all && labs[l].tests[i].passed;
    }
    grade_buf_addf(out, "{\"version\": 1, \"status\": \"%s\", \"max_score\": ", all ? "pass" : "fail");
    add_num(out, max);
    grade_buf_adds(out, ", \"tests\": [");
    for (size_t l = 0; l < n; l++) {
        for (size_t i = 0; i < labs[l].n; i++) {
            const struct grade_test *t = &labs[l].tests[i];
            char *name = test_name(&labs[l], t, n);

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
