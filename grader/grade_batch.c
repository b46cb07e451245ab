/* grade_batch.c - a class at a time (see grade_batch.h). */
#include "grade_batch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "grade_fs.h"
#include "grade_gradebook.h"
#include "grade_intake.h"
#include "grade_proc.h"
#include "grade_report.h"
#include "grade_speed.h"
#include "grade_submission.h"

/* One student being graded. */
struct student {
    const struct grade_intake_student *in;
    char *json;          /* outdir/<student>.json */
    pid_t worker;        /* while being graded */
    double start, deadline;
    int done;
};

/* The worker: grade every lab for one student (the staged folder dir)
 * and write its JSON report, the one thing the gradebook reads. */
static void worker(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                   const char *dir, size_t index, const char *json)
{
    struct grade_labres *res = grade_calloc(nkits, sizeof *res);
    struct grade_buf out;
    struct grade_ctx one = *ctx;       /* one runner per lab: the batch is parallel */
    double start = grade_now();
    int error = 0;

    one.jobs = 1;
    ctx = &one;
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    grade_buf_init(&out);
    for (size_t l = 0; l < nkits; l++) {
        char *job = grade_strf("s%zu-%s", index, kits[l].lab.name);

        grade_submission(ctx, &kits[l], dir, job, &res[l]);
        free(job);
        error |= res[l].error;
    }
    grade_intake_apply(dir, res, nkits);
    grade_report(GRADE_JSON, res, nkits, grade_now() - start, 0, &out);
    grade_fs_write(json, out.data ? out.data : "", out.len, 0644);
    for (size_t l = 0; l < nkits; l++)
        grade_labres_free(&res[l]);
    free(res);
    _exit(error ? 3 : 0);
}

/* A worker that died or overran: its report says so, for every lab. */
static void worker_failed(const struct grade_kit *kits, size_t nkits, const char *json,
                          const char *why)
{
    struct grade_labres *res = grade_calloc(nkits, sizeof *res);
    struct grade_buf out;

    grade_buf_init(&out);
    for (size_t l = 0; l < nkits; l++) {
        grade_labres_init(&res[l], kits[l].lab.name, &kits[l].lab.points,
                          kits[l].has_hidden ? &kits[l].hidden.points : NULL, why);
        grade_speed_row(&kits[l], &res[l], why);
        res[l].error = 1;
        grade_labres_problem(&res[l], why, NULL);
        grade_labres_total(&res[l]);
    }
    grade_report(GRADE_JSON, res, nkits, 0, 0, &out);
    grade_fs_write(json, out.data ? out.data : "", out.len, 0644);
    for (size_t l = 0; l < nkits; l++)
        grade_labres_free(&res[l]);
    free(res);
    grade_buf_destroy(&out);
}

/*
 * Where the batch is.  On a terminal: "[#####.....] 12/50 students, 30 s;
 * now: alice (25 s), bob (3 s)" on one line; otherwise a line when each
 * student starts and ends.  Either way the student a hang holds is named.
 */
static void progress(const struct student *st, size_t n, size_t done, double start, int tty)
{
    char bar[41];
    size_t fill = n ? done * 40 / n : 40;
    struct grade_buf now;

    if (!tty)
        return;
    grade_buf_init(&now);
    for (size_t i = 0; i < n; i++)
        if (st[i].worker > 0 && !st[i].done && now.len < 60)
            grade_buf_addf(&now, "%s%s (%.0f s)", now.len ? ", " : "; now: ", st[i].in->name,
                           grade_now() - st[i].start);
    memset(bar, '#', fill);
    memset(bar + fill, '.', 40 - fill);
    bar[40] = '\0';
    fprintf(stderr, "\r\033[K[%s] %zu/%zu students, %.0f s%s", bar, done, n, grade_now() - start,
            grade_buf_str(&now));
    if (done == n)
        fputc('\n', stderr);
    fflush(stderr);
    grade_buf_destroy(&now);
}

/* Write outdir/intake.txt: what intake said, the export first. */
static void write_intake(const struct grade_intake *in, const char *outdir)
{
    char *path = grade_path(outdir, "intake.txt");
    struct grade_buf text;

    grade_buf_init(&text);
    for (size_t i = 0; i < in->notes.n; i++)
        grade_buf_addf(&text, "export: %s\n", in->notes.v[i]);
    for (size_t s = 0; s < in->n; s++)
        for (size_t i = 0; i < in->v[s].notes.n; i++) {
            const char *note = in->v[s].notes.v[i], *tab = strchr(note, '\t');

            grade_buf_addf(&text, "%s: %s\n", in->v[s].name, tab ? tab + 1 : note);
        }
    grade_fs_write(path, text.data ? text.data : "", text.len, 0644);
    grade_buf_destroy(&text);
    free(path);
}

int grade_batch(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                const char *dir, const char *outdir, struct grade_buf *err)
{
    struct grade_intake in;
    struct grade_book book = { 0 };
    struct grade_strv labs = { 0 };
    struct student *st;
    size_t n, next = 0, finished = 0;
    int running = 0, tty = isatty(STDERR_FILENO), jobs = ctx->jobs < 1 ? 1 : ctx->jobs;
    double start = grade_now(), shown = 0;
    /* A worker overdue by this much is stopped: every lab's compile steps
     * and test budget, with room to spare. */
    double allowance = (double)nkits * (ctx->lab_s * (kits[0].has_hidden ? 2 : 1) +
                                        6 * ctx->compile_s) + 30;
    char *stage = grade_path(ctx->work, "class"), *csv = grade_path(outdir, "grades.csv");
    int r;

    if (grade_fs_mkdirs(outdir, 0755) != 0) {
        grade_buf_addf(err, "cannot create %s", outdir);
        return -1;
    }
    if (grade_intake_run(ctx, kits, nkits, dir, stage, &in, err) != 0)
        return -1;
    for (size_t i = 0; i < in.notes.n; i++)
        fprintf(stderr, "grader: %s\n", in.notes.v[i]);
    write_intake(&in, outdir);
    n = in.n;
    st = grade_calloc(n ? n : 1, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        st[i].in = &in.v[i];
        st[i].json = grade_strf("%s/%s.json", outdir, in.v[i].name);
    }
    progress(st, n, 0, start, tty);
    while (finished < n) {
        while (running < jobs && next < n) {
            pid_t pid;

            unlink(st[next].json);
            if (!tty)
                fprintf(stderr, "grader: [%zu/%zu] grading %s\n", next + 1, n, st[next].in->name);
            fflush(NULL);
            pid = fork();
            if (pid < 0) {
                grade_buf_addf(err, "fork: %s", strerror(errno));
                return -1;
            }
            if (pid == 0)
                worker(ctx, kits, nkits, st[next].in->dir, next, st[next].json);
            st[next].worker = pid;
            st[next].start = grade_now();
            st[next].deadline = st[next].start + allowance;
            next++;
            running++;
        }
        for (size_t i = 0; i < next; i++) {
            int status, overdue = 0;

            if (st[i].done || st[i].worker <= 0)
                continue;
            if (waitpid(st[i].worker, &status, WNOHANG) != st[i].worker) {
                if (grade_now() < st[i].deadline)
                    continue;
                kill(st[i].worker, SIGKILL);       /* its sandboxes die with it */
                waitpid(st[i].worker, &status, 0);
                overdue = 1;
            }
            st[i].done = 1;
            running--;
            finished++;
            if (overdue || !(WIFEXITED(status) && WEXITSTATUS(status) <= 3) ||
                !grade_fs_is_file(st[i].json))
                worker_failed(kits, nkits, st[i].json, overdue ?
                              "grader error: the student's grading overran its time and was "
                              "stopped" : "grader error: the student's grading did not finish "
                              "(see the grader's messages)");
            if (!tty)
                fprintf(stderr, "grader: [%zu/%zu] done %s (%.1f s)\n", finished, n,
                        st[i].in->name, grade_now() - st[i].start);
            progress(st, n, finished, start, tty);
            shown = grade_now();
        }
        if (tty && grade_now() - shown > 1) {
            progress(st, n, finished, start, tty);
            shown = grade_now();
        }
        nanosleep(&(struct timespec){ 0, 20 * 1000000 }, NULL);
    }
    /* The gradebook reads the reports, as --gradebook would. */
    for (size_t i = 0; i < n; i++)
        grade_book_add_file(&book, st[i].in->name, st[i].json);
    for (size_t l = 0; l < nkits; l++)
        grade_strv_add(&labs, kits[l].lab.name);
    r = grade_book_write(&book, &labs, GRADE_BOOK_CSV, csv, err);
    /* A row without a number (the grader failed on that student) makes the
     * whole batch say so in its exit status (3), after the CSV is written. */
    for (size_t i = 0; r == 0 && i < book.n; i++) {
        int failed = book.rows[i].error != NULL;

        for (size_t l = 0; l < book.rows[i].ncells; l++)
            failed |= book.rows[i].cells[l].error;
        if (failed) {
            grade_buf_addf(err, "the grader failed on %s (and maybe others): see the "
                           "error column of %s", book.rows[i].student, csv);
            r = 3;
        }
    }
    grade_book_free(&book);
    grade_strv_free(&labs);
    for (size_t i = 0; i < n; i++)
        free(st[i].json);
    free(st);
    grade_intake_free(&in);
    free(stage);
    free(csv);
    return r;
}
