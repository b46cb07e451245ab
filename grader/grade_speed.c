/* grade_speed.c - the speed part (see grade_speed.h). */
#include "grade_speed.h"

#include <stdlib.h>
#include <string.h>

#include "grade_run.h"

double grade_speed_credit(double ratio)
{
    if (!(ratio > GRADE_SPEED_NONE))
        return 0;
    if (ratio >= GRADE_SPEED_FULL)
        return 1;
    return (ratio - GRADE_SPEED_NONE) / (GRADE_SPEED_FULL - GRADE_SPEED_NONE);
}

/* The row's name in every report. */
static char *row_name(const struct grade_kit *kit)
{
    return grade_strf("speed_%s", kit->lab.speed.name);
}

void grade_speed_row(const struct grade_kit *kit, struct grade_labres *res, const char *why)
{
    struct grade_test *t;

    if (!kit->lab.speed.name)
        return;
    res->tests = grade_realloc(res->tests, res->n + 1, sizeof *res->tests);
    t = &res->tests[res->n++];
    memset(t, 0, sizeof *t);
    t->name = row_name(kit);
    t->points = kit->lab.speed.points;
    t->message = grade_strdup(why);
    t->time = -1;
    t->speed = 1;
    grade_labres_total(res);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One timed run of prog: 1 if its workload passed (*cpu: its CPU
 * seconds), 0 if not (*why: the test's message), -1 on a grader error. */
static int run_once(const struct grade_ctx *ctx, const struct grade_kit *kit, const char *job,
                    const char *tag, const char *prog, double *cpu, char **why,
                    struct grade_buf *err)
{
    char *test = grade_strf("test_speed_%s", kit->lab.speed.name);
    char *ops = grade_strf("CORO_SPEED_OPS=%.0f", kit->lab.speed.ops);
    struct grade_points_entry e = { test, kit->lab.speed.points };
    struct grade_points pts = { &e, 1 };
    const char *env[] = { ops, NULL };
    struct grade_labres scratch;
    int r;

    grade_labres_init(&scratch, kit->lab.name, &pts, NULL, "did not run");
    r = grade_run_timed(ctx, job, tag, prog, &pts, env, &scratch, cpu, err);
    if (r == 0) {
        r = scratch.tests[0].passed;
        if (!r)
            *why = grade_strdup(scratch.tests[0].message ? scratch.tests[0].message : "failed");
    }
    grade_labres_free(&scratch);
    free(test);
    free(ops);
    return r;
}

/* The row of res, and the message it gets. */
static void set_row(struct grade_test *t, char *message)
{
    free(t->message);
    t->message = message;
    t->ran = 1;
}

void grade_speed_measure(const struct grade_ctx *ctx, const struct grade_kit *kit,
                         const char *job, const char *prog, struct grade_labres *res)
{
    char *name = row_name(kit);
    struct grade_test *row = grade_labres_find(res, name);
    double mine[GRADE_SPEED_RUNS], ref[GRADE_SPEED_RUNS];
    size_t failing = 0;
    struct grade_buf err;

    free(name);
    if (!row)
        return;
    grade_buf_init(&err);
    for (size_t i = 0; i < kit->lab.speed.gate.n; i++) {
        struct grade_test *t = grade_labres_find(res, kit->lab.speed.gate.v[i]);

        failing += !t || !t->passed;
    }
    if (failing) {
        set_row(row, grade_strf("not measured: every test of steps 1..%d must pass first "
                                "(%zu do not): a fast wrong answer earns nothing",
                                kit->lab.speed.step, failing));
        goto out;
    }
    if (!kit->ref_speed_prog) {
        set_row(row, grade_strdup("not measured: the reference solution is not in this tree, "
                                  "so there is nothing to measure against"));
        goto out;
    }
    /* Reference and submission in turn, so that a change in the
     * machine's load falls on both alike. */
    for (int k = 0; k < GRADE_SPEED_RUNS; k++) {
        char *tag_ref = grade_strf("speed-ref-%d", k), *tag_mine = grade_strf("speed-mine-%d", k);
        char *why = NULL;
        int r = run_once(ctx, kit, job, tag_ref, kit->ref_speed_prog, &ref[k], &why, &err);

        if (r != 1) {
            res->error = 1;
            grade_strv_addf(&res->notes, "grader: the reference failed the speed part's "
                            "workload: %s", r < 0 ? grade_buf_str(&err) : why);
        } else if ((r = run_once(ctx, kit, job, tag_mine, prog, &mine[k], &why, &err)) != 1) {
            if (r < 0) {
                res->error = 1;
                grade_strv_addf(&res->notes, "grader: %s", grade_buf_str(&err));
            } else {
                set_row(row, grade_strf("not measured: the workload failed: %s", why));
            }
        }
        free(why);
        free(tag_ref);
        free(tag_mine);
        if (r != 1)
            goto out;
    }
    {
        double ops = kit->lab.speed.ops, m = median(mine, GRADE_SPEED_RUNS);
        double rf = median(ref, GRADE_SPEED_RUNS), ratio = m > 0 ? rf / m : 0;
        double credit = grade_speed_credit(ratio);

        row->mine_ns = m * 1e9 / ops;
        row->ref_ns = rf * 1e9 / ops;
        row->ratio = ratio;
        row->credit = credit;
        row->passed = credit >= 1;
        set_row(row, grade_strf("%.1f ns per operation, the reference %.1f in the same run: "
                                "%.2fx its speed, %.3g of %.3g points (all from %.2fx, none "
                                "below %.2fx; median of %d runs of %.0f operations)%s",
                                row->mine_ns, row->ref_ns, ratio, credit * row->points,
                                row->points, GRADE_SPEED_FULL, GRADE_SPEED_NONE,
                                GRADE_SPEED_RUNS, ops, credit < 1 ?
                                ": what does each operation do that the reference's does "
                                "not?" : ""));
        row->time = m;
    }
out:
    grade_labres_total(res);
    grade_buf_destroy(&err);
}
