/*
 * sh_bench.c - `bench [LAB]`: the student's speed against the reference.
 *
 * A lab's benchmarks are LAB/bench/NAME.c (LAB.bench in lab.mk); each
 * prints one line per workload, "name<TAB>nanoseconds per operation".
 * The Makefile builds them per variant (BUILD/tree/LAB/bench/NAME with
 * the student's files, BUILD/sol/... with the reference); we run one
 * after the other and pair the lines by workload name.  A lab with a
 * graded speed part (its manifest's `speed` line) shows that part first,
 * as the grader scores it: `check`'s path through the grader.
 */
#include "sh.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "co_bench.h"
#include "co_lab.h"

static char *prog_path(struct sh *sh, const char *target, char *buf, size_t n)
{
    if (sh->build[0] == '/')
        snprintf(buf, n, "%s", target);
    else
        snprintf(buf, n, "%s/%s", sh->root, target);
    return buf;
}

/* Every LAB/bench/NAME.c takes N, the operations per workload, >= this. */
enum { BENCH_MIN_N = 1000 };
#define BENCH_MAX_N 10000000000LL

/* Is `s` a whole number of operations a benchmark accepts? */
static bool size_ok(const char *s)
{
    long long n = 0;

    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        n = n * 10 + (*s - '0');
        if (n > BENCH_MAX_N)
            return false;
    }
    return n >= BENCH_MIN_N;
}

/* Does a program's output time any workload at more than 0 ns? */
static bool measured_any(const char *out)
{
    for (const char *p = out; p && *p;) {
        const char *tab = strchr(p, '\t'), *eol = strchr(p, '\n');
        if (tab && (!eol || tab < eol)) {
            double y = atof(tab + 1);
            if (isfinite(y) && y > 0)
                return true;
        }
        p = eol ? eol + 1 : NULL;
    }
    return false;
}

/* ns per op of `what` in a program's output, or -1 */
static double lookup(const char *out, const char *what)
{
    size_t n = strlen(what);
    for (const char *p = out; p && *p;) {
        if (strncmp(p, what, n) == 0 && p[n] == '\t')
            return atof(p + n + 1);
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return -1;
}

static int run_one(struct sh *sh, struct sh_lab *lab, const char *name, const char *variant,
                   const char *size, struct sh_buf *out)
{
    char target[PATH_MAX], prog[PATH_MAX + 64], what[256];
    struct sh_proc proc;

    snprintf(target, sizeof target, "%s/%s/%s/bench/%s", sh->build, variant, lab->name, name);
    snprintf(what, sizeof what, "%s/bench/%s (%s)", lab->name, name,
             strcmp(variant, "sol") == 0 ? "reference solution" : "your files");
    if (sh_make(sh, target, what) != 0)
        return -1;
    prog_path(sh, target, prog, sizeof prog);
    char *argv[] = { prog, (char *)size, NULL };
    if (sh_run(sh, argv, NULL, NULL, 300, out, &proc) != 0) {
        char how[160], sl[16];
        bool failed_op = !proc.timed_out && !proc.interrupted && WIFEXITED(proc.status) &&
                         WEXITSTATUS(proc.status) == CO_BENCH_FAILED;

        printf("%s%s %s.%s\n", sh_c(SH_RED), what, failed_op ? "stopped: an operation "
               "failed" : sh_proc_describe(&proc, how, sizeof how), sh_c(SH_OFF));
        /* its own words (stdout and stderr come in one stream): why */
        for (const char *p = sh_buf_str(out); *p;) {
            const char *eol = strchr(p, '\n');
            int len = (int)(eol ? eol - p : (ptrdiff_t)strlen(p));
            printf("  %.*s\n", len, p);
            p += len + (eol ? 1 : 0);
        }
        if (failed_op && strcmp(variant, "sol") != 0) {
            sh_lab_short(lab, sl, sizeof sl);
            printf("  %sYour %s is not written yet, or one of its functions fails (the line "
                   "above says which), so there is nothing to time. %s shows where to start; "
                   "%s shows what fails.%s\n", sh_c(SH_YELLOW), lab->name,
                   sh_cmdref("hint %s", sl), sh_cmdref("check %s", sl), sh_c(SH_OFF));
        }
        return -1;
    }
    return 0;
}

int sh_cmd_bench(struct sh *sh, int argc, char **argv)
{
    const char *labname = NULL, *size = NULL;
    struct sh_lab *lab;
    int status = 0;
    char sl[16];

    bool own_labs = false, unwritten = false;

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--mine") || sh_opt(argv[i], "-m"))
            own_labs = true;
        else if (argv[i][0] == '-')
            return sh_usage("bench", argv[i]);
        else if (!labname && !(argv[i][0] >= '0' && argv[i][0] <= '9' && strlen(argv[i]) > 3))
            labname = argv[i];
        else if (!size)
            size = argv[i];
        else
            return sh_usage("bench", argv[i]);
    }
    if (size && !size_ok(size)) {
        sh_error("bench: N is the number of operations per workload, a whole number from "
                 "%d to %lld; \"%s\" is not one.", BENCH_MIN_N, BENCH_MAX_N, size);
        return sh_usage("bench", NULL);
    }
    lab = labname ? sh_lab_find(sh, labname, true) : sh_lab_default(sh);
    if (!lab)
        return 2;
    sh_lab_short(lab, sl, sizeof sl);
    if (lab->bench.n == 0) {
        sh_error("%s has no benchmark (its lab.mk lists no LAB.bench).", lab->name);
        return 2;
    }
    {
        struct sh_summary s;
        sh_state_get_result(sh, lab, &s);
        if (!(s.valid && s.fresh && s.passed == s.total && s.total > 0))
            printf("%s(Your tests do not all pass yet, as far as the last %s knows: the numbers "
                   "below may measure unfinished code.)%s\n", sh_c(SH_YELLOW),
                   sh_cmdref("check %s", sl), sh_c(SH_OFF));
    }
    /* The graded speed part first, as the grader measures and scores it
     * (through the grader itself, like `check`: one scorer). */
    if (lab->manifest && lab->manifest->speed.name) {
        struct sh_result r;

        printf("%sGrading %s through the grader for its speed part (it is timed only once "
               "every test of steps 1..%d passes)...%s\n", sh_c(SH_DIM), lab->name,
               lab->manifest->speed.step, sh_c(SH_OFF));
        fflush(stdout);
        if (sh_check_lab(sh, lab, true, &r) == 0) {
            sh_check_remember(sh, lab, true, &r);
            printf("\n  %sSpeed part:%s ", sh_c(SH_BOLD), sh_c(SH_OFF));
            sh_wrap_at(stdout, r.speed[0] ? r.speed : "the grader did not report it", 4, 14);
            printf("\n");
            if (strstr(r.speed, "not measured"))
                status = 1;
        } else {
            status = 1;
        }
        sh_result_free(&r);
    }
    bool have_ref = sh_lab_has_reference(sh, lab);
    for (int b = 0; b < lab->bench.n; b++) {
        struct sh_buf mine = { 0 }, ref = { 0 };
        const char *name = lab->bench.v[b];
        printf("%sBuilding and running %s/bench/%s...%s\n", sh_c(SH_DIM), lab->name, name,
               sh_c(SH_OFF));
        fflush(stdout);
        /* your lab with the reference earlier labs (graded isolation),
         * or with your own (--mine) */
        if (run_one(sh, lab, name, own_labs ? "tree" : "iso", size, &mine) != 0) {
            status = 1;
            sh_buf_free(&mine);
            continue;
        }
        if (have_ref && run_one(sh, lab, name, "sol", size, &ref) != 0)
            have_ref = false;
        printf("\n  %s%-36s %12s %12s %s%s\n", sh_c(SH_BOLD), "workload", "yours ns/op",
               have_ref ? "reference" : "", have_ref ? "  yours/reference" : "", sh_c(SH_OFF));
        /* Not one workload took time: the lab's operations all fail at
         * once, as the skeleton's do. */
        unwritten = !measured_any(sh_buf_str(&mine));
        if (unwritten) {
            printf("  %sYour %s is not written yet: its operations fail at once, so there "
                   "is nothing to time. %s shows where to start.%s\n", sh_c(SH_YELLOW),
                   lab->name, sh_cmdref("hint %s", sl), sh_c(SH_OFF));
            status = 1;
        }
        for (const char *p = sh_buf_str(&mine); *p;) {
            const char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p) : strlen(p);
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            p += len + (eol ? 1 : 0);
            char *tab = strchr(line, '\t');
            if (!tab)
                continue;
            *tab = '\0';
            double y = atof(tab + 1);
            double r = have_ref ? lookup(sh_buf_str(&ref), line) : -1;
            if (!isfinite(y) || y <= 0) {
                /* No time to compare: the operations failed at once (a
                 * TODO's CO_ENOSYS, say), or cost nothing measurable. */
                printf("  %-36s %12s  %s%s%s\n", line, "-", sh_c(SH_DIM),
                       unwritten ? "not measured" : "below what this benchmark can measure",
                       sh_c(SH_OFF));
                continue;
            }
            printf("  %-36s %12.2f", line, y);
            if (r > 0 && isfinite(r)) {
                double ratio = y / r;
                printf(" %12.2f  %s%.2fx%s%s", r,
                       ratio > 1.5 ? sh_c(SH_YELLOW) : ratio < 1.1 ? sh_c(SH_GREEN) : "", ratio,
                       sh_c(SH_OFF), ratio > 1.5 ? "  (slower: what does each operation do "
                                                   "that the reference does not?)" : "");
            }
            printf("\n");
        }
        if (!have_ref)
            printf("  %s(the reference solution is not in this tree: only your numbers)%s\n",
                   sh_c(SH_DIM), sh_c(SH_OFF));
        sh_buf_free(&mine);
        sh_buf_free(&ref);
    }
    printf("\n%sns/op: nanoseconds per operation, lower is faster; 1.00x = as fast as the "
           "reference.%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
    return status;
}
