/*
 * grade_run - run a graded test program and turn what Check recorded into
 * per-test results.
 *
 * The program runs in graded mode (co_check.h): N runners side by side,
 * each with a shard of the suites (--shard K/N), its own XML log and its
 * own folder of per-test output files, as the sandbox user, under the
 * run limits, in a session of its own, until the lab's wall-clock
 * deadline.  Results come only from the XML logs:
 *   - a test passes only if Check says "success" AND its duration is not
 *     -1, i.e. the test function returned and its teardown finished (a
 *     test process that ends early with status 0 is "success" to Check);
 *   - a test that never appears did not run, and says why (the runner
 *     crashed, was stopped at the deadline, ...).
 * What a test printed is only shown, never parsed for results.
 */
#ifndef GRADE_RUN_H
#define GRADE_RUN_H

#include "grade_buf.h"
#include "grade_ctx.h"
#include "grade_lab.h"
#include "grade_result.h"

/*
 * grade_run_tests - run prog in job/<tag>-K/ folders and record, in res,
 * the outcome of every test of pts (the points table prog's tests are
 * listed in).  deadline is a grade_now() time.  Returns 0, or -1 when
 * the grader or the lab is at fault (err: the sandbox could not be set
 * up, a test ran that the table does not list, ...).
 */
int grade_run_tests(const struct grade_ctx *ctx, const char *job, const char *tag,
                    const char *prog, const struct grade_points *pts, double deadline,
                    struct grade_labres *res, struct grade_buf *err);

#endif
