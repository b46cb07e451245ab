/* grade_batch.c - a class at a time (see grade_batch.h). */
#include "grade_batch.h"
#include "grade_run.h"

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
#include "grade_proc.h"
#include "grade_report.h"
#include "grade_submission.h"

/* One student's line of the gradebook. */
struct student {
    char *name;          /* the sub-folder */
    double *score;       /* per lab */
    double total;
    struct grade_strv problems;
    int error;                     /* the grader failed: no score at all */
    struct grade_strv errors;      /* why, per lab */
    pid_t worker;        /* while being graded */
    double deadline;     /* when the worker is overdue */
    int done;
};

/* The worker: grade every lab for one student, write its JSON report and
 * a summary ("lab<TAB>score<TAB>problem; problem" per line) for the parent. */
static void worker(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                   const char *dir, size_t index, const char *name, const char *outdir)
{
    struct grade_labres *res = grade_calloc(nkits, sizeof *res);
    char *subdir = grade_path(dir, name), *json = grade_strf("%s/%s.json", outdir, name);
    char *summary = grade_strf("%s/student-%zu.tsv", ctx->work, index);
    struct grade_buf out, sum;
    struct grade_ctx one = *ctx;       /* one runner per lab: the batch is parallel */
    double start = grade_now();
    int error = 0;

    one.jobs = 1;
    ctx = &one;
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    grade_buf_init(&out);
    grade_buf_init(&sum);
    for (size_t l = 0; l < nkits; l++) {
        char *job = grade_strf("s%zu-%s", index, kits[l].lab.name);

        grade_submission(ctx, &kits[l], subdir, job, &res[l]);
        free(job);
        error |= res[l].error;
        /* "lab TAB score TAB problems", or "lab TAB ERROR TAB why": a
         * failure of the grader is never a number */
        if (res[l].error) {
            grade_buf_addf(&sum, "%s\tERROR\t", kits[l].lab.name);
            for (size_t i = 0; i < res[l].notes.n; i++)
                grade_buf_addf(&sum, "%s%s", i ? "; " : "", res[l].notes.v[i]);
        } else {
            grade_buf_addf(&sum, "%s\t%.10g\t", kits[l].lab.name, res[l].score);
            for (size_t i = 0; i < res[l].problems.n; i++)
                grade_buf_addf(&sum, "%s%s", i ? "; " : "", res[l].problems.v[i]);
        }
        for (char *p = sum.data; p && *p; p++)   /* one line per lab */
            if (*p == '\n' && p[1])
                *p = ' ';
        grade_buf_adds(&sum, "\n");
    }
    grade_report(GRADE_JSON, res, nkits, grade_now() - start, 0, &out);
    grade_fs_write(json, out.data ? out.data : "", out.len, 0644);
    grade_fs_write(summary, sum.data ? sum.data : "", sum.len, 0644);
    for (size_t l = 0; l < nkits; l++)
        grade_labres_free(&res[l]);
    free(res);
    _exit(error ? 3 : 0);
}

/* Read a worker's summary into s.  0 on success. */
static int read_summary(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                        size_t index, struct student *s)
{
    char *path = grade_strf("%s/student-%zu.tsv", ctx->work, index), *save = NULL;
    struct grade_buf text;
    size_t found = 0;

    grade_buf_init(&text);
    if (grade_fs_read(path, 1 << 20, &text, NULL) != 0) {
        free(path);
        grade_buf_destroy(&text);
        return -1;
    }
    for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;

        if (!tab2)
            continue;
        *tab1 = *tab2 = '\0';
        for (size_t l = 0; l < nkits; l++) {
            if (strcmp(kits[l].lab.name, line) != 0)
                continue;
            found++;
            if (strcmp(tab1 + 1, "ERROR") == 0) {
                s->error = 1;
                grade_strv_addf(&s->errors, "%s: %s", line, tab2[1] ? tab2 + 1 : "grader error");
                continue;
            }
            s->score[l] = strtod(tab1 + 1, NULL);
            s->total += s->score[l];
            if (tab2[1])
                grade_strv_addf(&s->problems, "%s: %s", line, tab2 + 1);
        }
    }
    unlink(path);
    free(path);
    grade_buf_destroy(&text);
    return found == nkits ? 0 : -1;
}

/* "[#####.....] 12/50" on stderr, when it is a terminal. */
static void progress(size_t done, size_t total, double start, int tty)
{
    char bar[41];
    size_t fill = total ? done * 40 / total : 40;

    if (!tty)
        return;
    memset(bar, '#', fill);
    memset(bar + fill, '.', 40 - fill);
    bar[40] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu students, %.0f s ", bar, done, total, grade_now() - start);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Append s to out as a CSV field. */
static void csv_field(struct grade_buf *out, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        grade_buf_adds(out, s);
        return;
    }
    grade_buf_adds(out, "\"");
    for (; *s; s++) {
        if (*s == '"')
            grade_buf_adds(out, "\"");
        grade_buf_add(out, s, 1);
    }
    grade_buf_adds(out, "\"");
}

static int write_csv(const struct grade_kit *kits, size_t nkits, struct student *st, size_t n,
                     const char *outdir, struct grade_buf *err)
{
    char *path = grade_path(outdir, "grades.csv");
    struct grade_buf csv;
    int r;

    grade_buf_init(&csv);
    grade_buf_adds(&csv, "student");
    for (size_t l = 0; l < nkits; l++) {
        grade_buf_adds(&csv, ",");
        csv_field(&csv, kits[l].lab.name);
    }
    grade_buf_adds(&csv, ",total,error,problems\n");
    for (size_t i = 0; i < n; i++) {
        struct grade_buf probs;

        csv_field(&csv, st[i].name);
        /* A grader failure leaves every number of the row empty and says
         * why in the error column. */
        for (size_t l = 0; l < nkits; l++) {
            if (st[i].error)
                grade_buf_adds(&csv, ",");
            else
                grade_buf_addf(&csv, ",%.10g", st[i].score[l]);
        }
        if (st[i].error)
            grade_buf_adds(&csv, ",");
        else
            grade_buf_addf(&csv, ",%.10g", st[i].total);
        grade_buf_init(&probs);
        for (size_t p = 0; p < st[i].errors.n; p++)
            grade_buf_addf(&probs, "%s%s", p ? " | " : "", st[i].errors.v[p]);
        grade_buf_adds(&csv, ",");
        csv_field(&csv, grade_buf_str(&probs));
        grade_buf_reset(&probs);
        grade_buf_adds(&csv, ",");
        for (size_t p = 0; p < st[i].problems.n; p++)
            grade_buf_addf(&probs, "%s%s", p ? " | " : "", st[i].problems.v[p]);
        csv_field(&csv, grade_buf_str(&probs));
        grade_buf_destroy(&probs);
        grade_buf_adds(&csv, "\n");
    }
    r = grade_fs_write(path, csv.data ? csv.data : "", csv.len, 0644);
    if (r != 0)
        grade_buf_addf(err, "cannot write %s: %s", path, strerror(-r));
    grade_buf_destroy(&csv);
    free(path);
    return r ? -1 : 0;
}

int grade_batch(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                const char *dir, const char *outdir, struct grade_buf *err)
{
    struct grade_strv names = { 0 };
    struct student *st;
    size_t n = 0, next = 0, finished = 0, errors = 0;
    int running = 0, tty = isatty(STDERR_FILENO), jobs = ctx->jobs < 1 ? 1 : ctx->jobs;
    double start = grade_now();
    /* A worker overdue by this much is stopped: every lab's compile steps
     * and test budget, with room to spare. */
    double allowance = 30;
    int r;

    for (size_t k = 0; k < nkits; k++)
        allowance += grade_run_bound(ctx, kits[k].lab.points.n) +
                     (kits[k].has_hidden ? grade_run_bound(ctx, kits[k].hidden.points.n) : 0) +
                     6 * ctx->compile_s;
    if (grade_fs_list(dir, &names) != 0) {
        grade_buf_addf(err, "cannot read the batch folder %s", dir);
        return -1;
    }
    st = grade_calloc(names.n, sizeof *st);
    for (size_t i = 0; i < names.n; i++) {
        char *sub = grade_path(dir, names.v[i]);

        if (names.v[i][0] != '.' && grade_fs_is_dir(sub)) {
            st[n].name = grade_strdup(names.v[i]);
            st[n].score = grade_calloc(nkits, sizeof *st[n].score);
            n++;
        }
        free(sub);
    }
    grade_strv_free(&names);
    if (grade_fs_mkdirs(outdir, 0755) != 0) {
        grade_buf_addf(err, "cannot create %s", outdir);
        return -1;
    }
    progress(0, n, start, tty);
    while (finished < n) {
        while (running < jobs && next < n) {
            pid_t pid;

            fflush(NULL);
            pid = fork();
            if (pid < 0) {
                grade_buf_addf(err, "fork: %s", strerror(errno));
                return -1;
            }
            if (pid == 0)
                worker(ctx, kits, nkits, dir, next, st[next].name, outdir);
            st[next].worker = pid;
            st[next].deadline = grade_now() + allowance;
            next++;
            running++;
        }
        for (size_t i = 0; i < next; i++) {
            int status;

            if (st[i].done || st[i].worker <= 0)
                continue;
            if (waitpid(st[i].worker, &status, WNOHANG) != st[i].worker) {
                if (grade_now() < st[i].deadline)
                    continue;
                kill(st[i].worker, SIGKILL);       /* its sandboxes die with it */
                waitpid(st[i].worker, &status, 0);
            }
            st[i].done = 1;
            running--;
            finished++;
            if (read_summary(ctx, kits, nkits, i, &st[i]) != 0) {
                st[i].error = 1;
                grade_strv_add(&st[i].errors, "the student's grading did not finish (see the "
                               "grader's messages)");
            }
            errors += st[i].error;
            progress(finished, n, start, tty);
        }
        nanosleep(&(struct timespec){ 0, 20 * 1000000 }, NULL);
    }
    r = write_csv(kits, nkits, st, n, outdir, err);
    for (size_t i = 0; i < n; i++) {
        free(st[i].name);
        free(st[i].score);
        grade_strv_free(&st[i].problems);
        grade_strv_free(&st[i].errors);
    }
    free(st);
    if (r == 0 && errors) {
        grade_buf_addf(err, "the grader failed on %zu student%s (see the error column of the "
                            "gradebook): their rows have no score", errors, errors == 1 ? "" : "s");
        return 3;
    }
    return r;
}
