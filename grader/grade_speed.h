/*
 * grade_speed - the speed part of a lab (its manifest's `speed` line,
 * common/co_lab.h): the student's throughput on a fixed workload against
 * the reference's, measured in the same run, scored on the ratio.
 *
 * The workload is a Check test (tests/speed_NAME.c) linked once with the
 * submission and once with the reference (grade_build.h: speed_prog and
 * kit->ref_speed_prog, built alike), run as any graded test is: in the
 * sandbox, and passing only with its proof (grader/README.md), so a run
 * that ends early or computes a wrong result earns nothing.  The grader
 * takes the CPU time of each run from wait4() (the program cannot report
 * its own), alternating reference and submission, GRADE_SPEED_RUNS runs
 * each, takes off what the reference's program costs doing nothing
 * (starting the runner and its test process, the same in both), and
 * compares the medians.
 */
#ifndef GRADE_SPEED_H
#define GRADE_SPEED_H

#include "grade_build.h"
#include "grade_ctx.h"
#include "grade_result.h"

/* Runs of each program; the median counts. */
#define GRADE_SPEED_RUNS 5
/* The ratio (the reference's time over the submission's) that earns all
 * the points, and the one below which it earns none; linear between. */
#define GRADE_SPEED_FULL 0.5
#define GRADE_SPEED_NONE 0.1
/* The least wall-clock budget of one run of the workload, in seconds. */
#define GRADE_SPEED_WALL 60

/* The share (0..1) of the speed part's points a ratio earns. */
double grade_speed_credit(double ratio);

/* Add the speed part's row to res (none when the lab has no speed part),
 * not measured yet, with `why` as its message; without the reference
 * (kit->ref_speed_prog NULL) a row of 0 points that says so. */
void grade_speed_row(const struct grade_kit *kit, struct grade_labres *res, const char *why);

/*
 * grade_speed_measure - once the public tests have run into res: if every
 * test of the steps up to the speed line's passed, time `prog` (the
 * submission's workload program) against the reference's in job/speed-*
 * folders and fill in the row.  Sets res->error (and a note) only when
 * the reference itself fails.
 */
void grade_speed_measure(const struct grade_ctx *ctx, const struct grade_kit *kit,
                         const char *job, const char *prog, struct grade_labres *res);

#endif
