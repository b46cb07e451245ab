/*
 * grade_report - print what grading found, in the formats courses use.
 *
 *   text        a table per lab: points, pass/FAIL, test, and why
 *   json        Gradescope's results.json shape: "score" and "max_score"
 *               first (scripts read the first "score"), then "output",
 *               then "tests": [{name, score, max_score, status, output}]
 *   gradescope  json plus "visibility" (hidden-suite tests:
 *               "after_published"), "execution_time" and
 *               "stdout_visibility", as Gradescope reads it
 *   junit       JUnit XML: a testsuite per lab, a testcase per test
 *   tap         TAP version 13, a line per test
 *   classroom   the result a GitHub Classroom grading-reporter runner
 *               expects (see .github/workflows/classroom.yml)
 * A hidden test never shows what it printed, in any format.
 */
#ifndef GRADE_REPORT_H
#define GRADE_REPORT_H

#include "grade_buf.h"
#include "grade_result.h"

enum grade_format {
    GRADE_TEXT, GRADE_JSON, GRADE_GRADESCOPE, GRADE_JUNIT, GRADE_TAP, GRADE_CLASSROOM,
};

/* The format called `name`; -1 if unknown. */
int grade_format_parse(const char *name);

/* Append the report of labs[0..n) to out.  colour: ANSI colours (text). */
void grade_report(enum grade_format fmt, const struct grade_labres *labs, size_t n,
                  double elapsed, int colour, struct grade_buf *out);

/* The one-paragraph summary (also the "output" of json). */
void grade_report_summary(const struct grade_labres *labs, size_t n, struct grade_buf *out);

#endif
