/*
 * grade_submission - grade one lab of one submission: find its files,
 * build it, run the tests, and fill in a grade_labres, whatever happens.
 *
 * The submission folder holds the student files by base name ("gen.c").
 * If it has a folder named after the lab (a clone of the student's
 * repository), that folder is used instead.  A student file that is
 * missing while others of the same lab are there is taken from the lab
 * folder (the untouched skeleton).  Symbolic links, devices, FIFOs and
 * files over 1 MiB are refused; anything else in the folder is ignored
 * and listed.
 */
#ifndef GRADE_SUBMISSION_H
#define GRADE_SUBMISSION_H

#include "grade_build.h"
#include "grade_ctx.h"
#include "grade_result.h"

/* 1 if dir holds at least one student file of kit's lab. */
int grade_submission_has_lab(const struct grade_kit *kit, const char *dir);

/* Grade kit's lab for the submission in `dir`, working in ctx->work/jobname.
 * res is always filled; res->error is set when the grader itself failed
 * (notes say why). */
void grade_submission(const struct grade_ctx *ctx, const struct grade_kit *kit, const char *dir,
                      const char *jobname, struct grade_labres *res);

#endif
