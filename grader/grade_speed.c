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
    /* Without the reference there is nothing to measure against: the
     * part is not scored here (a handout, a student's CI), rather than
     * counted as lost. */
    t->points = kit->ref_speed_prog ? kit->lab.speed.points : 0;
    t->message = grade_strdup(kit->ref_speed_prog ? why : "not scored here: the reference "
                              "solution is not in this tree, so there is nothing to measure "
                              "against (the graded run measures it)");
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

/* One timed run of prog doing nops operations: 1 if its workload passed (*cpu: its CPU
 * seconds), 0 if not (*why: the test's message), -1 on a grader error. */
static int run_once(const struct grade_ctx *ctx, const struct grade_kit *kit, const char *job,
                    const char *tag, const char *prog, double nops, double *cpu, char **why,
                    struct grade_buf *err)
{
    char *test = grade_strf("test_speed_%s", kit->lab.speed.name);
    char *ops = grade_strf("CORO_SPEED_OPS=%.0f", nops);
    struct grade_points_entry e = { test, kit->lab.speed.points };
    struct grade_points pts = { &e, 1 };
    const char *env[] = { ops, NULL };
    struct grade_labres scratch;
    struct grade_ctx timed = *ctx;
    int r;

    /* A workload of a few hundredths of a second of CPU may still wait
     * for one on a loaded machine: its wall-clock budget is never below
     * GRADE_SPEED_WALL, whatever --timeout says (its CPU limit is --cpu). */
    if (timed.test_s < GRADE_SPEED_WALL)
        timed.test_s = GRADE_SPEED_WALL;
    grade_labres_init(&scratch, kit->lab.name, &pts, NULL, "did not run");
    r = grade_run_timed(&timed, job, tag, prog, kit->bpf_test, &pts, env, &scratch, cpu, err);
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
    double mine[GRADE_SPEED_RUNS], ref[GRADE_SPEED_RUNS], empty[GRADE_SPEED_RUNS];
    size_t failing = 0;
    struct grade_buf err;

    free(name);
    if (!row)
        return;
    if (!kit->ref_speed_prog)
        return;                     /* not scored here (grade_speed_row) */
    grade_buf_init(&err);
    for (size_t i = 0; i < kit->lab.speed.gate.n; i++) {
        struct grade_test *t = grade_labres_find(res, kit->lab.speed.gate.v[i]);

        failing += !t || !t->passed;
    }
    if (failing) {
        char *steps = kit->lab.speed.step == 1 ? grade_strdup("step 1")
                      : grade_strf("steps 1..%d", kit->lab.speed.step);

        set_row(row, grade_strf("not measured: every test of %s must pass first (%zu %s "
                                "not): a fast wrong answer earns nothing", steps, failing,
                                failing == 1 ? "does" : "do"));
        free(steps);
        goto out;
    }
    /* Reference and submission in turn, so that a change in the
     * machine's load falls on both alike; and the reference's program
     * doing 0 operations, what starting a runner and a test process
     * costs, which comes off both figures (the programs differ only in
     * the lab's own code). */
    for (int k = 0; k < GRADE_SPEED_RUNS; k++) {
        char *tag_ref = grade_strf("speed-ref-%d", k), *tag_mine = grade_strf("speed-mine-%d", k);
        char *tag_empty = grade_strf("speed-empty-%d", k);
        char *why = NULL;
        int r = run_once(ctx, kit, job, tag_ref, kit->ref_speed_prog, kit->lab.speed.ops, &ref[k],
                         &why, &err);

        if (r == 1) {
            free(why);
            why = NULL;
            r = run_once(ctx, kit, job, tag_empty, kit->ref_speed_prog, 0, &empty[k], &why, &err);
        }
        if (r != 1) {
            res->error = 1;
            grade_strv_addf(&res->notes, "grader: the reference failed the speed part's "
                            "workload: %s", r < 0 ? grade_buf_str(&err) : why);
        } else if ((r = run_once(ctx, kit, job, tag_mine, prog, kit->lab.speed.ops, &mine[k],
                                 &why, &err)) != 1) {
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
        free(tag_empty);
        if (r != 1)
            goto out;
    }
    {
        /* a floor of 1 us: never a division by nothing */
        double ops = kit->lab.speed.ops, e = median(empty, GRADE_SPEED_RUNS);
        double m = median(mine, GRADE_SPEED_RUNS) - e, rf = median(ref, GRADE_SPEED_RUNS) - e;
        double ratio, credit;

        m = m > 1e-6 ? m : 1e-6;
        rf = rf > 1e-6 ? rf : 1e-6;
        ratio = rf / m;
        credit = grade_speed_credit(ratio);

        row->mine_ns = m * 1e9 / ops;
        row->ref_ns = rf * 1e9 / ops;
        row->ratio = ratio;
        row->credit = credit;
        row->passed = credit >= 1;
        grade_labres_total(res);           /* row->score: the share, rounded */
        set_row(row, grade_strf("%.1f ns per operation, the reference %.1f in the same run: "
                                "%.2fx its speed, %.4g of %g points (all from %.2fx, none "
                                "below %.2fx; median of %d runs of %.0f operations)%s",
                                row->mine_ns, row->ref_ns, ratio, row->score, row->points, GRADE_SPEED_FULL, GRADE_SPEED_NONE,
                                GRADE_SPEED_RUNS, ops, credit < 1 ?
                                ": what does each operation do that the reference's does "
                                "not?" : ""));
        row->time = m;
    }
out:
    grade_labres_total(res);
    grade_buf_destroy(&err);
}
