/* grade_submission.c - one lab of one submission (see grade_submission.h). */
#include "grade_submission.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grade_fs.h"
#include "grade_proc.h"
#include "grade_run.h"
#include "grade_speed.h"

#define MAX_FILE (1 << 20)

/* The folder to take the lab's files from: dir/LAB if it is one. */
static char *lab_folder(const struct grade_kit *kit, const char *dir)
{
    char *sub = grade_path(dir, kit->lab.name);

    if (grade_fs_is_dir(sub))
        return sub;
    free(sub);
    return grade_strdup(dir);
}

int grade_submission_has_lab(const struct grade_kit *kit, const char *dir)
{
    char *folder = lab_folder(kit, dir);
    int found = 0;

    for (size_t i = 0; i < kit->lab.student.n && !found; i++) {
        char *path = grade_path(folder, kit->lab.student.v[i]);
        struct stat st;

        found = lstat(path, &st) == 0;
        free(path);
    }
    free(folder);
    return found;
}

/*
 * Find the student files in folder: regular ones go to files, missing
 * ones are taken from the lab folder, anything refused is reported.
 * Returns the number of the lab's files actually submitted, or -1 if a
 * file was refused.
 */
static int gather(const struct grade_kit *kit, const char *folder, struct grade_strv *files,
                  struct grade_labres *res)
{
    struct grade_strv names = { 0 };
    int submitted = 0, refused = 0;

    if (grade_fs_list(folder, &names) != 0) {
        grade_labres_problem(res, "missing file", NULL);
        grade_strv_addf(&res->notes, "cannot read the submission folder %s", folder);
        return 0;
    }
    /* Listed as ignored: what the student added, not the lab's own
     * material (a clone of the lab folder has gen.h, tests/, ...). */
    for (size_t i = 0; i < names.n; i++) {
        char *mine = grade_path(kit->lab.dir, names.v[i]);
        struct stat st;

        if (!grade_strv_has(&kit->lab.student, names.v[i]) && names.v[i][0] != '.' &&
            lstat(mine, &st) != 0)
            grade_strv_add(&res->ignored, names.v[i]);
        free(mine);
    }
    for (size_t i = 0; i < kit->lab.student.n; i++) {
        const char *name = kit->lab.student.v[i];
        char *path = grade_path(folder, name);
        struct stat st;

        if (lstat(path, &st) != 0) {
            free(path);
            continue;
        }
        submitted++;
        if (S_ISLNK(st.st_mode)) {
            grade_labres_problem(res, "refused file", NULL);
            grade_strv_addf(&res->notes, "%s is a symbolic link: only regular files are graded",
                            name);
            refused = 1;
        } else if (!S_ISREG(st.st_mode)) {
            grade_labres_problem(res, "refused file", NULL);
            grade_strv_addf(&res->notes, "%s is not a regular file (a folder, FIFO or device): "
                            "only regular files are graded", name);
            refused = 1;
        } else if (st.st_size > MAX_FILE) {
            grade_labres_problem(res, "refused file", NULL);
            grade_strv_addf(&res->notes, "%s is larger than %d KiB: refused", name, MAX_FILE >> 10);
            refused = 1;
        } else {
            grade_strv_add(files, path);
        }
        free(path);
    }
    if (submitted && !refused) {
        for (size_t i = 0; i < kit->lab.student.n; i++) {
            char *path = grade_path(folder, kit->lab.student.v[i]);
            struct stat st;

            if (lstat(path, &st) != 0) {
                free(path);
                path = grade_path(kit->lab.dir, kit->lab.student.v[i]);
                grade_strv_addf(&res->notes, "%s is missing: the lab's skeleton is used in its "
                                "place", kit->lab.student.v[i]);
                grade_strv_add(files, path);
            }
            free(path);
        }
    }
    grade_strv_free(&names);
    return refused ? -1 : submitted;
}

/* After a build that did not produce a program: say why, everywhere. */
static void build_failed(struct grade_labres *res, enum grade_build_status st,
                         struct grade_build *b)
{
    const char *why = "not run";

    switch (st) {
    case GRADE_NOT_COMPILED:
        grade_labres_problem(res, "compile error",
            "The submission does not compile; the compiler's first messages are below.");
        why = "not run: the submission does not compile";
        break;
    case GRADE_REFUSED:
        grade_labres_problem(res, "forbidden", NULL);
        for (size_t i = 0; i < b->problems.n; i++)
            grade_strv_add_once(&res->notes, b->problems.v[i]);
        why = "not run: the submission was refused (see the problems listed)";
        break;
    case GRADE_NOT_LINKED:
        grade_labres_problem(res, "link error",
            "The submission compiles but does not link (a function of the lab's API "
            "missing, or defined twice?); the linker's messages are below.");
        why = "not run: the submission does not link";
        break;
    case GRADE_BUILD_ERROR:
        res->error = 1;
        grade_strv_add(&res->notes, "the grader could not build the submission");
        why = "not run: grader error";
        break;
    case GRADE_BUILT:
        break;
    }
    grade_labres_not_run(res, why);
}

void grade_submission(const struct grade_ctx *ctx, const struct grade_kit *kit, const char *dir,
                      const char *jobname, struct grade_labres *res)
{
    double start = grade_now();
    char *folder = lab_folder(kit, dir), *job = grade_path(ctx->work, jobname);
    struct grade_strv files = { 0 };
    struct grade_build b;
    struct grade_buf err;
    enum grade_build_status st;
    int n;

    grade_labres_init(res, kit->lab.name, &kit->lab.points,
                      kit->has_hidden ? &kit->hidden.points : NULL, "not run");
    grade_speed_row(kit, res, "not run");
    grade_buf_init(&err);
    n = gather(kit, folder, &files, res);
    if (n <= 0) {
        if (n == 0) {
            grade_labres_problem(res, "missing file", NULL);
            grade_strv_addf(&res->notes, "no %s%s found in %s: nothing to grade",
                            kit->lab.student.v[0], kit->lab.student.n > 1 ? " (or the lab's "
                            "other files)" : "", folder);
            grade_labres_not_run(res, "not run: nothing submitted");
        } else {
            grade_labres_not_run(res, "not run: a submitted file was refused");
        }
        goto done;
    }
    res->submitted = 1;
    grade_fs_rmtree(job);
    if (grade_fs_mkdirs(job, 0755) != 0) {
        res->error = 1;
        grade_strv_addf(&res->notes, "grader: cannot create %s", job);
        goto done;
    }
    st = grade_build_run(ctx, kit, &files, job, &b);
    grade_buf_add(&res->log, b.log.data ? b.log.data : "", b.log.len);
    if (st != GRADE_BUILT) {
        build_failed(res, st, &b);
    } else {
        double deadline = grade_now() + ctx->lab_s;

        if (grade_run_tests(ctx, job, "public", b.prog, kit->bpf_test, &kit->lab.points,
                            deadline, res, &err) != 0 ||
            (b.hidden_prog && grade_run_tests(ctx, job, "hidden", b.hidden_prog, kit->bpf_test,
                                              &kit->hidden.points, grade_now() + ctx->lab_s,
                                              res, &err) != 0)) {
            res->error = 1;
            grade_strv_addf(&res->notes, "grader: %s", grade_buf_str(&err));
        } else if (b.speed_prog) {
            grade_speed_measure(ctx, kit, job, b.speed_prog, res);
        }
    }
    grade_build_free(&b);
    if (!ctx->keep_work)
        grade_fs_rmtree(job);
done:
    grade_labres_total(res);
    res->elapsed = grade_now() - start;
    grade_strv_free(&files);
    grade_buf_destroy(&err);
    free(folder);
    free(job);
}
