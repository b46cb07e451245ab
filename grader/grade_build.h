/*
 * grade_build - turn a submission into a test program, and refuse it
 * with a reason when it must not run.
 *
 * A kit is what grading a lab needs whatever the submission: the lab,
 * its earlier labs, the symbol policy, the test processes' syscall
 * filter, the prebuilt test objects and reference objects, the compiled
 * hidden suite.  It is prepared once (once per batch, too).
 *
 * A build works in a job folder of its own:
 *   JOB/src/   the *fresh* folder: copies of the pristine headers (common,
 *              the lab, its earlier labs) and the submission's files, and
 *              nothing else, so that no relative include reaches the tree;
 *   JOB/       the objects, the linked programs, the logs;
 * and compiles (as the sandbox user, under limits) in three steps:
 * preprocess, check the preprocessed source, compile, then check the
 * object, then link it with the prebuilt test objects, the reference
 * objects of the earlier labs (graded isolation), the common library,
 * the out-of-memory guard and Check.
 */
#ifndef GRADE_BUILD_H
#define GRADE_BUILD_H

#include "grade_allow.h"
#include "grade_buf.h"
#include "grade_ctx.h"
#include "grade_lab.h"

struct grade_kit {
    struct grade_lab lab;          /* the lab graded */
    struct grade_lab *deps;        /* its earlier labs, as lab.mk lists them */
    size_t ndeps;
    struct grade_allow allow;      /* what a submission may define and call */
    struct grade_strv test_objs;   /* the lab's prebuilt test objects (main first) */
    struct grade_strv link_objs;   /* reference objects of earlier labs, guard, libco.a */
    int has_hidden;                /* an instructor's hidden suite exists */
    struct grade_hidden hidden;
    struct grade_strv hidden_objs; /* hidden suite objects with their main, and
                                      the lab's test objects but its main */
    struct grade_strv speed_objs;  /* the same for the speed part's workload
                                      (empty: the lab has none) */
    char *ref_speed_prog;          /* the workload linked with the reference, or
                                      NULL: no reference in this tree */
    char *bpf_test;                /* the seccomp filter of its test processes */
};

/* Prepare the kit of lab `name`.  Returns 0, or -1 with why in err
 * (unknown lab, prebuilt objects missing, hidden suite broken). */
int grade_kit_prepare(const struct grade_ctx *ctx, const char *name, int only_lab,
                      struct grade_kit *kit, struct grade_buf *err);
void grade_kit_free(struct grade_kit *kit);

enum grade_build_status {
    GRADE_BUILT,          /* prog (and hidden_prog) are ready */
    GRADE_NOT_COMPILED,   /* the compiler refused it; log has its first errors */
    GRADE_REFUSED,        /* compiled, but a static check refused it */
    GRADE_NOT_LINKED,     /* the linker refused it; log has why */
    GRADE_BUILD_ERROR,    /* the grader could not build (err in log) */
};

struct grade_build {
    char *job;                   /* the job folder */
    char *src;                   /* its fresh folder */
    char *prog;                  /* the test program, once built */
    char *hidden_prog;           /* the hidden suite's program, if any */
    char *speed_prog;            /* the speed part's workload program, if any */
    struct grade_strv problems;  /* refusals, one sentence each */
    struct grade_buf log;        /* compiler/linker output shown to the student */
};

/*
 * grade_build_run - build the submission whose student files are
 * `files` (absolute paths of regular files, named as the lab expects) in
 * the new job folder `job`.
 */
enum grade_build_status grade_build_run(const struct grade_ctx *ctx, const struct grade_kit *kit,
                                        const struct grade_strv *files, const char *job,
                                        struct grade_build *b);
void grade_build_free(struct grade_build *b);

#endif
