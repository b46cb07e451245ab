/* grade_run.c - running a graded test program (see grade_run.h). */
#define _GNU_SOURCE           /* O_TMPFILE, mkostemp */
#include "grade_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_fs.h"
#include "grade_proc.h"
#include "grade_sandbox.h"
#include "grade_xml.h"

/* What a report shows of one test's output. */
#define SHOWN_OUTPUT 2048
/* The line grader/runtime/oom_guard.c prints. */
#define OOM_LINE "coro-labs grader: out of memory"

/* One runner: a shard of the suites. */
struct runner {
    char *dir;                 /* job/<tag>-K */
    struct grade_proc proc;
    int started;
    struct grade_xml_log log;
    int ledger, proof;         /* the proof files (unnamed, the grader's) */
    char **secret;             /* secret[N]: test N's, from the ledger */
    char **proved;             /* proved[N]: what test N's proof said */
    size_t nsecret;            /* both arrays have nsecret entries */
};

/* A file that has no name: only its descriptor reaches it (handed on to
 * the runner, which hands it to its test processes).  -1 on failure. */
static int unnamed_file(const char *dir)
{
    char *tmpl;
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    tmpl = grade_path(dir, "proof-XXXXXX");   /* no O_TMPFILE here */
    fd = mkostemp(tmpl, O_CLOEXEC);
    if (fd >= 0)
        unlink(tmpl);
    free(tmpl);
    return fd;
}

/* Read the lines "N SECRET" of fd into v[N] (the first for each N). */
static void read_records(int fd, char **v, size_t n)
{
    struct grade_buf b;
    char buf[4096];
    off_t off = 0;
    ssize_t got;

    grade_buf_init(&b);
    while (b.len < (16u << 20) && (got = pread(fd, buf, sizeof buf, off)) > 0) {
        grade_buf_add(&b, buf, (size_t)got);
        off += got;
    }
    for (char *line = b.data, *next; line && *line; line = next) {
        char *end;
        unsigned long k;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        k = strtoul(line, &end, 10);
        if (end != line && *end == ' ' && k < n && !v[k] && strlen(end + 1) == 32)
            v[k] = grade_strdup(end + 1);
    }
    grade_buf_destroy(&b);
}

/* Did test number k (1, 2, ... in the order the runner ran them) prove
 * that its test function returned? */
static int proved(const struct runner *rn, size_t k)
{
    return k < rn->nsecret && rn->secret[k] && rn->proved[k] &&
           strcmp(rn->secret[k], rn->proved[k]) == 0;
}

/* Does out look like someone printing test results? */
static int looks_like_results(const char *out)
{
    static const char *const signs[] = {
        "\"score\"", "\"max_score\"", "Checks:", "100%:", "<testsuite", "<test ",
        "\nok 1", "\nnot ok 1", "\n1..", NULL,
    };

    if (strncmp(out, "ok 1", 4) == 0 || strncmp(out, "1..", 3) == 0)
        return 1;
    for (int i = 0; signs[i]; i++)
        if (strstr(out, signs[i]))
            return 1;
    return 0;
}

/* Turn one Check record into the test's message (NULL if it passed) and
 * problem tags. */
static char *judge(const struct grade_ctx *ctx, const struct grade_xml_test *t, const char *out,
                   int proof, struct grade_labres *res)
{
    const char *msg = t->message ? t->message : "";
    int sig;

    if (t->result == GRADE_XML_SUCCESS) {
        if (t->duration >= 0 && proof)
            return NULL;
        if (t->duration >= 0) {
            grade_labres_problem(res, "forged result",
                "A test was reported as passed, but its process never proved that the test "
                "function returned: the report was forged or the test was cut short. Such a "
                "test earns nothing.");
            return grade_strdup("reported as passed, but the test never proved that it ran to "
                                "its end (a forged result, or the test was cut short): no "
                                "points");
        }
        grade_labres_problem(res, "early exit",
            "A test process ended with status 0 before its test finished (exit, _exit or "
            "similar in the submission's code): such a test earns nothing.");
        return grade_strdup("the test process ended with status 0 before the test finished "
                            "(the submission's code ended the process): no points");
    }
    if (t->result == GRADE_XML_FAILURE)
        return grade_strdup(msg);
    if (strcmp(msg, "Test timeout expired") == 0) {
        grade_labres_problem(res, "timeout", "A test did not finish within its time limit.");
        return grade_strdup("timed out: the test did not finish within its time limit (an "
                            "endless loop, or waiting for something that never happens)");
    }
    if (sscanf(msg, "Received signal %d", &sig) == 1) {
        switch (sig) {
        case SIGSYS:
            grade_labres_problem(res, "forbidden system call",
                "A test made a system call the sandbox forbids (starting a process, "
                "signalling one, opening a file for writing, a socket, ...): the sandbox "
                "killed it.");
            return grade_strdup("made a forbidden system call (starting or signalling a "
                                "process, writing a file, a socket...): the sandbox killed it");
        case SIGXFSZ:
            grade_labres_problem(res, "output limit", "A test printed more than the limit.");
            return grade_strf("printed too much: more than %ld KiB of output", ctx->run.fsize_kb);
        case SIGXCPU:
        case SIGKILL:
            grade_labres_problem(res, "cpu limit", "A test used more CPU time than allowed.");
            return grade_strf("used too much CPU time (the limit is %d s per test)", ctx->run.cpu_s);
        case SIGABRT:
            if (out && strstr(out, OOM_LINE)) {
                grade_labres_problem(res, "out of memory", "A test ran out of memory.");
                return grade_strf("ran out of memory (the limit is %ld MiB per test)",
                                  ctx->run.mem_mb);
            }
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strdup("crashed: aborted (an assert failed, or abort() was called)");
        case SIGSEGV:
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strdup("crashed: segmentation fault (SIGSEGV: a NULL or dangling "
                                "pointer, or a stack overflow from endless recursion)");
        case SIGBUS:
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strdup("crashed: bus error (SIGBUS: a misaligned or invalid address)");
        case SIGFPE:
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strdup("crashed: arithmetic error (SIGFPE: division by zero?)");
        case SIGILL:
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strdup("crashed: illegal instruction (SIGILL: reached code that "
                                "must never run, e.g. __builtin_unreachable)");
        default:
            grade_labres_problem(res, "crash", "A test crashed.");
            return grade_strf("crashed: killed by signal %d (%s)", sig, strsignal(sig));
        }
    }
    if (sscanf(msg, "Early exit with return value %d", &sig) == 1) {
        grade_labres_problem(res, "early exit",
            "A test process ended before its test finished.");
        return grade_strf("the test process ended with exit status %d before the test "
                          "finished", sig);
    }
    return grade_strdup(msg);
}

/* The first SHOWN_OUTPUT bytes of output file `path`, or NULL if empty. */
static char *test_output(const char *path, size_t *total)
{
    struct grade_buf b;
    int truncated;

    grade_buf_init(&b);
    *total = 0;
    if (grade_fs_read(path, SHOWN_OUTPUT, &b, &truncated) != 0 || b.len == 0) {
        grade_buf_destroy(&b);
        return NULL;
    }
    *total = b.len;
    if (truncated)
        grade_buf_adds(&b, "\n[... output cut ...]");
    return grade_buf_take(&b);
}

/* Apply the records of one runner to res.  Returns -1 on a lab error. */
static int apply_log(const struct grade_ctx *ctx, struct runner *rn, const struct grade_points *pts,
                     struct grade_labres *res, struct grade_buf *err)
{
    for (size_t i = 0; i < rn->log.n; i++) {
        const struct grade_xml_test *x = &rn->log.tests[i];
        struct grade_test *t = grade_labres_find(res, x->id);
        char *path = grade_strf("%s/out/%zu.out", rn->dir, i + 1);
        size_t total;
        char *out = test_output(path, &total), *why;

        free(path);
        if (!t || grade_points_find(pts, x->id) < 0) {
            grade_buf_addf(err, "test %s ran but is not in the points table", x->id);
            free(out);
            return -1;
        }
        if (x->message && out &&
            strcmp(x->message, "Early exit with return value 121") == 0 &&
            strncmp(out, "co_check: graded-mode set-up failed", 35) == 0) {
            grade_buf_addf(err, "the sandbox of a test process could not be set up: %s", out);
            free(out);
            return -1;
        }
        if (t->hidden) {
            /* A hidden test's problems would tell what it is about: they
             * stay out of the lab's list (the test's own message remains,
             * for the formats that can hide it). */
            struct grade_labres scratch;

            memset(&scratch, 0, sizeof scratch);
            why = judge(ctx, x, out, proved(rn, i + 1), &scratch);
            grade_strv_free(&scratch.problems);
            grade_strv_free(&scratch.notes);
        } else {
            why = judge(ctx, x, out, proved(rn, i + 1), res);
        }
        if (!t->ran) {                 /* first (or only) iteration */
            t->ran = 1;
            t->passed = why == NULL;
            free(t->message);
            t->message = why;
            t->where = why && x->fn ? grade_strdup(x->fn) : NULL;
            t->tcase = grade_strdup(x->tcase);
            t->time = x->duration >= 0 ? x->duration : -1;
        } else if (why && t->passed) { /* a later iteration of a loop test failed */
            t->passed = 0;
            free(t->message);
            t->message = why;
            free(t->where);
            t->where = x->fn ? grade_strdup(x->fn) : NULL;
        } else {
            free(why);
        }
        if (out && !t->hidden) {
            if (looks_like_results(out))
                grade_labres_problem(res, "printed fake results",
                    "A test printed what looks like test results or a score: ignored, "
                    "results never come from what a program prints.");
            if (!t->output)
                t->output = out;
            else
                free(out);
        } else {
            free(out);
        }
    }
    return 0;
}

/* Start runner k of n. */
static int start_runner(const struct grade_ctx *ctx, struct runner *rn, const char *prog,
                        const char *test_filter, int k, int n,
                        const char *const *more_env, struct grade_buf *err)
{
    char *xml = grade_path(rn->dir, "results.xml"), *outdir = grade_path(rn->dir, "out");
    char *log = grade_path(rn->dir, "runner.log"), *shard = grade_strf("%d/%d", k, n);
    char ledger_fd[] = { '0' + GRADE_LEDGER_FD, 0 }, proof_fd[] = { '0' + GRADE_PROOF_FD, 0 };
    char *tmo = grade_strf("%g", ctx->test_s), *dflt = grade_strf("CK_DEFAULT_TIMEOUT=%g", ctx->test_s);
    /* CORO_GRADER_TEST_FAULT=sandbox: the test filter cannot be read, as
     * if the sandbox could not be set up (for grader/tests/run.sh only). */
    const char *fault = getenv("CORO_GRADER_TEST_FAULT");
    char *bpf_test = fault && strcmp(fault, "sandbox") == 0 ? "/nonexistent/filter.bpf"
                                                            : (char *)test_filter;
    char *argv[] = { (char *)prog, "--quiet", "--xml", xml, "--test-output", outdir,
                     "--seccomp", ctx->bpf_runner, "--seccomp-test", bpf_test,
                     "--shard", shard, "--proof-ledger", ledger_fd, "--proof", proof_fd,
                     "--test-timeout", tmo, NULL };
    const char *extra[8] = { "CK_FORK=yes", dflt, NULL };
    struct grade_strv env = { 0 };
    int pass[2];
    struct grade_spawn sp = { .argv = argv, .cwd = rn->dir, .out = log, .lim = &ctx->run,
                              .drop = ctx->drop, .uid = ctx->uid, .gid = ctx->gid,
                              .pass = pass, .npass = 2 };
    int r = -1;

    if (grade_fs_mkdirs(outdir, 0755) != 0 ||
        (ctx->drop && grade_fs_chown_tree(rn->dir, ctx->uid, ctx->gid) != 0)) {
        grade_buf_addf(err, "cannot prepare %s", rn->dir);
        goto out;
    }
    if ((rn->ledger = unnamed_file(rn->dir)) < 0 || (rn->proof = unnamed_file(rn->dir)) < 0) {
        grade_buf_addf(err, "cannot create the proof files in %s: %s", rn->dir, strerror(errno));
        goto out;
    }
    _Static_assert(GRADE_LEDGER_FD == 3 && GRADE_PROOF_FD == 4,
                   "grade_proc_start hands pass[0], pass[1] on as descriptors 3 and 4");
    pass[0] = rn->ledger;
    pass[1] = rn->proof;
    for (int i = 0; more_env && more_env[i] && i < 5; i++)
        extra[2 + i] = more_env[i];
    grade_proc_env(&env, rn->dir, extra);
    sp.env = env.v;
    if (grade_proc_start(&sp, &rn->proc, err) == 0) {
        rn->started = 1;
        r = 0;
    }
out:
    grade_strv_free(&env);
    free(xml);
    free(outdir);
    free(log);
    free(shard);
    free(tmo);
    free(dflt);
    return r;
}

/* After runner rn ended: read its log, and say in res why it stopped
 * early if it did.  -1 if the sandbox itself failed. */
static int finish_runner(const struct grade_ctx *ctx, struct runner *rn, double budget,
                         struct grade_labres *res, struct grade_buf *err)
{
    char *xml = grade_path(rn->dir, "results.xml"), *logp = grade_path(rn->dir, "runner.log");
    struct grade_buf text, log;
    int r = 0;

    (void)ctx;
    grade_buf_init(&text);
    grade_buf_init(&log);
    grade_fs_read(xml, 16 << 20, &text, NULL);
    grade_fs_read(logp, 8192, &log, NULL);
    grade_xml_parse(grade_buf_str(&text), &rn->log);
    rn->nsecret = rn->log.n + 1;
    rn->secret = grade_calloc(rn->nsecret, sizeof *rn->secret);
    rn->proved = grade_calloc(rn->nsecret, sizeof *rn->proved);
    read_records(rn->ledger, rn->secret, rn->nsecret);
    read_records(rn->proof, rn->proved, rn->nsecret);
    /* The runner refused to start (no XML at all, status 2 or 127, and
     * it said so first thing): the grader's fault, not the student's. */
    if (!text.len && !rn->proc.timed_out && WIFEXITED(rn->proc.status) &&
        (WEXITSTATUS(rn->proc.status) == 2 || WEXITSTATUS(rn->proc.status) == 127) &&
        (strncmp(grade_buf_str(&log), "co_check: ", 10) == 0 ||
         strncmp(grade_buf_str(&log), "grader: ", 8) == 0 ||
         strncmp(grade_buf_str(&log), "usage: ", 7) == 0)) {
        grade_buf_addf(err, "the test program could not start in graded mode: %s",
                       grade_buf_str(&log));
        r = -1;
    }
    if (r == 0 && !rn->log.complete) {
        struct grade_buf why;

        grade_buf_init(&why);
        if (rn->proc.timed_out) {
            grade_buf_addf(&why, "did not run: the lab's tests were stopped after %.0f s, "
                                 "before this test's turn", budget);
            grade_labres_problem(res, "timeout", "The tests ran out of time as a whole.");
        } else if (rn->log.n == 0 && !text.len) {
            grade_buf_adds(&why, "did not run: the test program ended before running any test (");
            grade_proc_describe(&rn->proc, budget, &why);
            grade_buf_adds(&why, "): code of the submission ran before the tests and ended it");
            grade_labres_problem(res, "runner died",
                "The test program ended before its tests could run.");
        } else {
            grade_buf_adds(&why, "did not run: the test program stopped before this test (");
            grade_proc_describe(&rn->proc, budget, &why);
            grade_buf_adds(&why, ")");
            grade_labres_problem(res, "runner died", "The test program stopped early.");
        }
        grade_labres_not_run(res, grade_buf_str(&why));
        grade_buf_destroy(&why);
    }
    grade_buf_destroy(&text);
    grade_buf_destroy(&log);
    free(xml);
    free(logp);
    return r;
}

double grade_run_bound(const struct grade_ctx *ctx, size_t ntests)
{
    return (double)ntests * (ctx->test_s + 1) + 30;
}

/* grade_run_tests with `jobs` runners, more environment, and the CPU
 * seconds of the runners (their tests included) added to *cpu. */
static int run_tests(const struct grade_ctx *ctx, const char *job, const char *tag,
                     const char *prog, const char *bpf_test, const struct grade_points *pts,
                     double deadline, int jobs, const char *const *more_env,
                     struct grade_labres *res, double *cpu, struct grade_buf *err)
{
    int n = jobs < 1 ? 1 : jobs > 16 ? 16 : jobs;
    struct runner rn[16];
    struct grade_proc *procs[16];
    double bound = grade_now() + grade_run_bound(ctx, pts->n), budget;

    if (ctx->lab_s <= 0 || deadline > bound)
        deadline = bound;
    budget = deadline - grade_now();
    int next = 0, running = 0, r = 0, all_complete = 1;

    memset(rn, 0, sizeof rn);
    for (int k = 0; k < n; k++) {
        rn[k].dir = grade_strf("%s/%s-%d", job, tag, k);
        procs[k] = &rn[k].proc;
        rn[k].proc.done = 1;           /* not started: nothing to wait for */
        rn[k].ledger = rn[k].proof = -1;
    }
    /* All shards at once: ctx->jobs already says how many may run. */
    for (; next < n; next++) {
        if (start_runner(ctx, &rn[next], prog, bpf_test, next, n, more_env, err) != 0) {
            r = -1;
            break;
        }
        running++;
    }
    while (running > 0) {
        long i = grade_proc_wait_any(procs, (size_t)n, deadline);

        if (i < 0) {                   /* the deadline: stop them all */
            for (int k = 0; k < n; k++) {
                if (rn[k].started && !rn[k].proc.done) {
                    rn[k].proc.timed_out = 1;
                    grade_proc_kill(&rn[k].proc);
                }
            }
            break;
        }
        running--;
    }
    for (int k = 0; r == 0 && k < n; k++) {
        if (!rn[k].started)
            continue;
        *cpu += rn[k].proc.cpu;
        if (finish_runner(ctx, &rn[k], budget, res, err) != 0 ||
            apply_log(ctx, &rn[k], pts, res, err) != 0)
            r = -1;
        all_complete = all_complete && rn[k].log.complete;
    }
    if (r == 0 && all_complete) {
        for (size_t i = 0; i < pts->n; i++) {
            struct grade_test *t = grade_labres_find(res, pts->v[i].name);

            if (t && !t->ran) {
                grade_buf_addf(err, "%s is in the points table, but no such test ran",
                               pts->v[i].name);
                r = -1;
                break;
            }
        }
    }
    for (int k = 0; k < n; k++) {
        if (rn[k].started && !rn[k].proc.done)
            grade_proc_kill(&rn[k].proc);
        grade_xml_free(&rn[k].log);
        for (size_t i = 0; i < rn[k].nsecret; i++) {
            free(rn[k].secret[i]);
            free(rn[k].proved[i]);
        }
        free(rn[k].secret);
        free(rn[k].proved);
        if (rn[k].ledger >= 0)
            close(rn[k].ledger);
        if (rn[k].proof >= 0)
            close(rn[k].proof);
        free(rn[k].dir);
    }
    return r;
}

int grade_run_tests(const struct grade_ctx *ctx, const char *job, const char *tag,
                    const char *prog, const char *bpf_test, const struct grade_points *pts,
                    double deadline, struct grade_labres *res, struct grade_buf *err)
{
    double cpu = 0;

    return run_tests(ctx, job, tag, prog, bpf_test, pts, deadline, ctx->jobs, NULL, res, &cpu,
                     err);
}

int grade_run_timed(const struct grade_ctx *ctx, const char *job, const char *tag,
                    const char *prog, const char *bpf_test, const struct grade_points *pts,
                    const char *const *env, struct grade_labres *res, double *cpu,
                    struct grade_buf *err)
{
    *cpu = 0;
    return run_tests(ctx, job, tag, prog, bpf_test, pts,
                     grade_now() + grade_run_bound(ctx, pts->n), 1, env, res, cpu, err);
}
