/*
 * grade_batch - grade a whole class: every sub-folder of a folder is one
 * student's submission.
 *
 * Students are graded `ctx->jobs` at a time, each in a worker process of
 * its own, so that whatever a submission does (crash, hang, bomb) it
 * costs at most that student's grade: a worker that dies or overruns
 * its time is reported as a grader error for that student and the batch
 * goes on.  Written to outdir:
 *   grades.csv        student, one score column per lab, total, error,
 *                     problems; when the grader failed on a student, that
 *                     row has no number at all and the error column says why
 *   <student>.json    that student's report (the json format)
 * On a terminal, a progress bar on stderr shows how far it got.
 */
#ifndef GRADE_BATCH_H
#define GRADE_BATCH_H

#include "grade_build.h"
#include "grade_ctx.h"

/* Grade every student under dir for each of kits[0..nkits), writing to
 * outdir.  Returns 0 once the gradebook is written, 3 when it is written
 * but the grader failed on some students (err), -1 (err) if not written. */
int grade_batch(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                const char *dir, const char *outdir, struct grade_buf *err);

#endif
