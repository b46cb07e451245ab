/*
 * grade_allow - what a submission for a lab may define and call.
 *
 *   define  the lab's API: every function declared in the lab's own
 *           headers (found with the compiler's -aux-info, so no C parser
 *           is needed here), plus the manifest's "defines" (LAB/lab.mk).
 *           Anything else global is refused: a helper must be static.
 *   call    a short list of C library functions that cannot reach outside
 *           the test process (memory, strings, formatting to stdout and
 *           stderr, math, assert/abort, clocks), the common library, the
 *           API of this lab and of its earlier labs, compiler run-time
 *           helpers, plus the manifest's "calls" (a lab whose students
 *           need poll() or threads says so in its lab.mk).
 */
#ifndef GRADE_ALLOW_H
#define GRADE_ALLOW_H

#include "grade_buf.h"
#include "grade_ctx.h"
#include "grade_lab.h"

struct grade_allow {
    struct grade_strv define;   /* global symbols a submission may define */
    struct grade_strv call;     /* undefined symbols it may reference */
};

/* Work out lab's policy; deps are the loaded earlier labs (ndeps of
 * them).  Returns 0, or -1 with why in err. */
int grade_allow_build(const struct grade_ctx *ctx, const struct grade_lab *lab,
                      const struct grade_lab *deps, size_t ndeps,
                      struct grade_allow *al, struct grade_buf *err);
void grade_allow_free(struct grade_allow *al);

/* 1 if name belongs to the test framework (Check, co_check). */
int grade_allow_is_framework(const char *name);
/* 1 if name is defined by the C library (asked of libc.so once). */
int grade_allow_is_libc(const struct grade_ctx *ctx, const char *name);

#endif
