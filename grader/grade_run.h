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
 * grade_run_bound - how long ntests tests may take, at most: each its
 * own budget (ctx->test_s, which Check enforces per test, plus a second
 * for its process), and 30 s for the runners.  A lab's tests are stopped
 * only there, so that no test that keeps within its budget is cut short,
 * whatever the number of runners: the score does not depend on --jobs.
 */
double grade_run_bound(const struct grade_ctx *ctx, size_t ntests);

/*
 * grade_run_tests - run prog in job/<tag>-K/ folders, its test processes
 * under the filter bpf_test (the lab's: grade_kit.bpf_test), and record, in res,
 * the outcome of every test of pts (the points table prog's tests are
 * listed in).  deadline is a grade_now() time that applies only when
 * ctx->lab_s is set (--lab-timeout); the run always ends within
 * grade_run_bound().  Returns 0, or -1 when
 * the grader or the lab is at fault (err: the sandbox could not be set
 * up, a test ran that the table does not list, ...).
 */
int grade_run_tests(const struct grade_ctx *ctx, const char *job, const char *tag,
                    const char *prog, const char *bpf_test, const struct grade_points *pts,
                    double deadline, struct grade_labres *res, struct grade_buf *err);

/*
 * grade_run_timed - the same (under bpf_test) with one runner, `env` (NULL-terminated, at
 * most 5 "NAME=VALUE") added to its environment, and no deadline but
 * grade_run_bound's; *cpu: the CPU seconds the runner and its test
 * processes used, as wait4() reports them to the grader (nothing the
 * program prints or does can change that figure but using the CPU).
 */
int grade_run_timed(const struct grade_ctx *ctx, const char *job, const char *tag,
                    const char *prog, const char *bpf_test, const struct grade_points *pts,
                    const char *const *env, struct grade_labres *res, double *cpu,
                    struct grade_buf *err);

#endif
