/*
 * grade_main.c - the grader's command line (grader/README.md is the
 * manual): find the tree, set up the scratch folder and the sandbox,
 * then grade one submission (one lab or all) or a whole batch.
 *
 * Exit status: 0 whenever a result was produced, whatever the score;
 * 2 on a usage error or when the grader could not run at all; 3 when a
 * result was printed but the grader failed part-way (it says where).
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_batch.h"
#include "grade_build.h"
#include "grade_ctx.h"
#include "grade_fs.h"
#include "grade_gradebook.h"
#include "grade_intake.h"
#include "grade_proc.h"
#include "grade_report.h"
#include "grade_sandbox.h"
#include "grade_submission.h"

static const char usage_text[] =
    "usage: grader --lab LAB|all --submission DIR [options]\n"
    "       grader --batch EXPORT --lab LAB|all [-j N] [--output DIR] [options]\n"
    "       grader --intake EXPORT --lab LAB|all --output DIR\n"
    "       grader --gradebook DIR [--output FILE] [--canvas | --gradescope-csv]\n"
    "\n"
    "Grade the student files in DIR (gen.c, yieldfrom.c, loop.c, ... by base name;\n"
    "DIR/LAB/ is used if it exists) against LAB's tests, or grade every lab whose\n"
    "files are present (--lab all).  --batch grades a class: EXPORT is a folder or\n"
    "a zip as a course platform exports it (one folder per student, Canvas's or\n"
    "Moodle's file names, zips; grader/README.md gives the rules); a CSV gradebook,\n"
    "one JSON report per student and intake.txt (every file it could not map) go to\n"
    "--output DIR (default: grades).  --intake only stages such an export: one\n"
    "folder per student in DIR, to grade elsewhere with --submission.  --gradebook\n"
    "builds the CSV from a folder of <student>.json reports (default grades.csv).\n"
    "\n"
    "options:\n"
    "  --format F          text (default), json, gradescope, junit, tap, classroom\n"
    "  --output FILE       write the report to FILE instead of stdout (--out too)\n"
    "  --canvas            --gradebook writes Canvas's gradebook import CSV\n"
    "  --gradescope-csv    --gradebook writes Gradescope's roster columns (Name, SID,\n"
    "                      Email), the labs and Total Score (grader/INSTRUCTORS.md)\n"
    "  --hidden DIR        an instructor's hidden suites: DIR/LAB/*.c + points.txt\n"
    "  --jobs N, -j N      runners (or, with --batch, students) at once\n"
    "  --timeout S         wall-clock budget of each test: its tcase's own timeout,\n"
    "                      at most S (default 60); a hung test costs that test\n"
    "                      alone, whatever --jobs is\n"
    "  --cpu S             CPU seconds of each test (default 10)\n"
    "  --lab-timeout S     a ceiling on one lab's tests (default: none but the bound\n"
    "                      below; a smaller ceiling may cut tests short)\n"
    "  --compile-timeout S wall-clock limit of one compiler step (default 60)\n"
    "  --memory MIB        address space per test process (default 1024)\n"
    "  --output-limit KIB  output of one test (default 1024)\n"
    "  --sandbox-user U    user that runs submission code when the grader is root\n"
    "                      (default nobody; 'none' keeps root)\n"
    "  --root DIR          the coro-labs tree (default: $CORO_LABS_ROOT, the tree the\n"
    "                      grader was built in, or the current folder)\n"
    "  --build DIR         its build folder (default: $BUILD, or ROOT/build)\n"
    "  --keep-work         keep the scratch folder (its path is printed)\n"
    "  --no-static-checks  skip the source and symbol checks: only for testing that\n"
    "                      the run-time sandbox holds on its own; never to grade\n"
    "  --help              this text\n"
    "\n"
    "Every run is bounded: one lab's tests take at most (number of tests) x\n"
    "(--timeout + 1) + 30 seconds, hidden suites as much again, each compiler\n"
    "step --compile-timeout.\n"
    "\n"
    "Exit status: 0 when a result was produced (whatever the score), 2 when the\n"
    "grader could not run, 3 when it produced a result but failed part-way (then\n"
    "no score is given: the grader's fault is never a grade).\n";

struct options {
    const char *lab, *submission, *batch, *intake, *gradebook, *output, *root, *build,
        *sandbox_user;
    int format, book_format;
};

char *grade_ctx_sol(const struct grade_ctx *ctx, const char *rel)
{
    return grade_strf("%s/sol/%s", ctx->build, rel);
}

static int die(const char *fmt, const char *arg)
{
    fputs("grader: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 2;
}

/* A coro-labs tree has common/co_check.h and a lab with a lab.mk. */
static int is_root(const char *dir)
{
    char *p = grade_path(dir, "common/co_check.h");
    int ok = grade_fs_is_file(p);

    free(p);
    return ok;
}

static char *find_root(const char *given)
{
    char exe[4096], *dir;
    ssize_t n;

    if (given)
        return grade_realpath(given);
    if (getenv("CORO_LABS_ROOT") && *getenv("CORO_LABS_ROOT"))
        return grade_realpath(getenv("CORO_LABS_ROOT"));
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(exe, '/');

            if (slash)
                *slash = '\0';
        }
        if (is_root(exe))
            return grade_realpath(exe);
    }
    if (is_root(GRADE_SRCROOT))       /* the tree it was built in */
        return grade_realpath(GRADE_SRCROOT);
    dir = grade_realpath(".");
    while (dir && strcmp(dir, "/") != 0) {
        char *slash;

        if (is_root(dir))
            return dir;
        slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return NULL;
}

/* The folders the compiler searches for <headers>, canonical. */
static void system_includes(struct grade_ctx *ctx)
{
    char *log = grade_path(ctx->work, "cc-v.txt");
    char *argv[] = { (char *)ctx->cc, "-E", "-v", "-x", "c", "/dev/null", "-o", "/dev/null", NULL };
    struct grade_strv env = { 0 };
    struct grade_spawn sp = { .argv = argv, .out = log };
    struct grade_proc p;
    struct grade_buf text, err;
    int in = 0;
    char *save = NULL;

    grade_buf_init(&text);
    grade_buf_init(&err);
    grade_proc_env(&env, NULL, NULL);
    sp.env = env.v;
    if (grade_proc_run(&sp, 30, &p, &err) == 0)
        grade_fs_read(log, 1 << 20, &text, NULL);
    for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "#include <...> search starts here:", 34) == 0) {
            in = 1;
        } else if (strncmp(line, "End of search list.", 19) == 0) {
            in = 0;
        } else if (in && line[0] == ' ') {
            char *real = grade_realpath(line + 1);

            if (real)
                grade_strv_add_once(&ctx->sysinc, real);
            free(real);
        }
    }
    unlink(log);
    free(log);
    grade_strv_free(&env);
    grade_buf_destroy(&text);
    grade_buf_destroy(&err);
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);

    if (end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static struct grade_ctx *the_ctx;

/*
 * Interrupted: kill every sandboxed session, then let a shell remove the
 * scratch folder and die of the same signal (exec is async-signal-safe;
 * removing a tree here is not).  Test processes die with their runners.
 */
static void on_signal(int sig)
{
    static const char script[] = "rm -rf -- \"$1\"; trap - \"$2\"; kill -s \"$2\" $$";
    const char *name = sig == SIGINT ? "INT" : sig == SIGTERM ? "TERM" : "HUP";

    grade_proc_kill_all();
    if (the_ctx && the_ctx->work && !the_ctx->keep_work)
        execl("/bin/sh", "sh", "-c", script, "sh", the_ctx->work, name, (char *)NULL);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Parse argv into o and ctx; returns -1 to exit 2, 1 to exit 0 (--help). */
static int parse_args(int argc, char **argv, struct options *o, struct grade_ctx *ctx)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return 1;
        }
        if (strcmp(a, "--keep-work") == 0) {
            ctx->keep_work = 1;
            continue;
        }
        if (strcmp(a, "--no-static-checks") == 0) {
            ctx->static_checks = 0;
            continue;
        }
        if (strcmp(a, "--canvas") == 0 || strcmp(a, "--gradescope-csv") == 0) {
            o->book_format = a[2] == 'c' ? GRADE_BOOK_CANVAS : GRADE_BOOK_GRADESCOPE;
            continue;
        }
        if (!v) {
            die("%s needs a value (see --help)", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--lab") == 0) {
            o->lab = v;
        } else if (strcmp(a, "--submission") == 0) {
            o->submission = v;
        } else if (strcmp(a, "--batch") == 0) {
            o->batch = v;
        } else if (strcmp(a, "--intake") == 0) {
            o->intake = v;
        } else if (strcmp(a, "--gradebook") == 0) {
            o->gradebook = v;
        } else if (strcmp(a, "--format") == 0) {
            o->format = grade_format_parse(v);
            if (o->format < 0) {
                die("unknown format %s (text, json, gradescope, junit, tap, classroom)", v);
                return -1;
            }
        } else if (strcmp(a, "--output") == 0 || strcmp(a, "--out") == 0) {
            o->output = v;
        } else if (strcmp(a, "--hidden") == 0) {
            ctx->hidden = grade_realpath(v);
            if (!ctx->hidden || !grade_fs_is_dir(ctx->hidden)) {
                die("--hidden %s: no such folder", v);
                return -1;
            }
        } else if (strcmp(a, "--root") == 0) {
            o->root = v;
        } else if (strcmp(a, "--build") == 0) {
            o->build = v;
        } else if (strcmp(a, "--sandbox-user") == 0) {
            o->sandbox_user = v;
        } else if ((strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) &&
                   parse_number(v, 1, 64, &x) == 0) {
            ctx->jobs = (int)x;
        } else if (strcmp(a, "--timeout") == 0 && parse_number(v, 0.1, 3600, &x) == 0) {
            ctx->test_s = x;
        } else if (strcmp(a, "--lab-timeout") == 0 && parse_number(v, 1, 86400, &x) == 0) {
            ctx->lab_s = x;
        } else if (strcmp(a, "--compile-timeout") == 0 && parse_number(v, 1, 86400, &x) == 0) {
            ctx->compile_s = x;
        } else if (strcmp(a, "--cpu") == 0 && parse_number(v, 1, 86400, &x) == 0) {
            ctx->run.cpu_s = (int)x;
        } else if (strcmp(a, "--memory") == 0 && parse_number(v, 16, 1 << 20, &x) == 0) {
            ctx->run.mem_mb = (long)x;
        } else if (strcmp(a, "--output-limit") == 0 && parse_number(v, 1, 1 << 22, &x) == 0) {
            ctx->run.fsize_kb = (long)x;
        } else {
            die("bad option or value: %s (see --help)", a);
            return -1;
        }
    }
    if (o->gradebook) {
        if (o->submission || o->batch || o->intake) {
            die("%s", "--gradebook goes alone (see --help)");
            return -1;
        }
        return 0;
    }
    if (!o->lab || (!!o->submission + !!o->batch + !!o->intake) != 1) {
        die("%s", "give --lab and exactly one of --submission, --batch or --intake (see --help)");
        return -1;
    }
    if (o->intake && !o->output) {
        die("%s", "--intake needs --output DIR (see --help)");
        return -1;
    }
    return 0;
}

/* Fill in the rest of ctx: tree, build folder, sandbox user, scratch
 * folder, filters.  Returns 0 or exits through die(). */
static int setup(struct options *o, struct grade_ctx *ctx)
{
    const char *build = o->build ? o->build : getenv("BUILD");
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    struct grade_buf err;
    char *work;

    ctx->root = find_root(o->root);
    if (!ctx->root || !is_root(ctx->root))
        return die("%s", "cannot find the coro-labs tree: use --root DIR or CORO_LABS_ROOT");
    if (!build || !*build)
        ctx->build = grade_path(ctx->root, "build");
    else if (build[0] == '/')
        ctx->build = grade_strdup(build);
    else
        ctx->build = grade_path(ctx->root, build);
    if (!grade_fs_is_dir(ctx->build))
        return die("no build folder %s: run make build first (or give --build)", ctx->build);
    if (geteuid() == 0 && !(o->sandbox_user && strcmp(o->sandbox_user, "none") == 0)) {
        const char *name = o->sandbox_user ? o->sandbox_user : "nobody";
        struct passwd *pw = getpwnam(name);

        if (!pw || pw->pw_uid == 0)
            return die("no usable sandbox user %s (give --sandbox-user USER, or none)", name);
        ctx->drop = 1;
        ctx->uid = pw->pw_uid;
        ctx->gid = pw->pw_gid;
    }
    work = grade_strf("%s/coro-grade.XXXXXX", tmp);
    if (!mkdtemp(work) || chmod(work, 0711) != 0)
        return die("cannot create a scratch folder in %s", tmp);
    ctx->work = work;
    grade_buf_init(&err);
    /* The runner's filter; each lab's test filter comes with its kit
     * (grade_kit_prepare). */
    if (grade_sandbox_runner(ctx->work, &ctx->bpf_runner, &err) != 0) {
        fprintf(stderr, "grader: %s\n", grade_buf_str(&err));
        grade_buf_destroy(&err);
        return 2;
    }
    grade_buf_destroy(&err);
    system_includes(ctx);
    if (!ctx->sysinc.n)
        return die("%s", "cannot ask the C compiler for its include folders");
    if (ctx->keep_work)
        fprintf(stderr, "grader: scratch folder %s\n", ctx->work);
    return 0;
}

/* The labs --lab names, for one submission (only those present when
 * "all") or for a batch (every lab). */
static int choose_labs(const struct grade_ctx *ctx, const char *lab, struct grade_strv *names)
{
    if (strcmp(lab, "all") != 0) {
        grade_strv_add(names, lab);
        return 0;
    }
    return grade_lab_list(ctx->root, names);
}

/* Write text to --output FILE or stdout. */
static int emit(const char *path, const struct grade_buf *text)
{
    if (path) {
        int r = grade_fs_write(path, text->data ? text->data : "", text->len, 0644);

        if (r != 0)
            return die("cannot write the report: %s", strerror(-r));
        return 0;
    }
    fwrite(text->data ? text->data : "", 1, text->len, stdout);
    return fflush(stdout) == 0 ? 0 : 2;
}

/* The grader cannot grade lab `lab` at all (its kit is missing or
 * broken): still write a report, in the chosen format, that says so and
 * gives no score. */
static void report_failure(const struct options *o, const char *lab, const char *why,
                           double elapsed)
{
    static const struct grade_points none;
    struct grade_labres r;
    struct grade_buf out;

    grade_labres_init(&r, lab, &none, NULL, "not run: grader error");
    r.error = 1;
    grade_strv_addf(&r.notes, "grader: %s", why);
    grade_buf_init(&out);
    grade_report(o->format, &r, 1, elapsed, 0, &out);
    emit(o->output, &out);
    grade_buf_destroy(&out);
    grade_labres_free(&r);
}

static int run(struct options *o, struct grade_ctx *ctx)
{
    struct grade_strv names = { 0 };
    struct grade_kit *kits;
    struct grade_labres *res;
    struct grade_buf err, out;
    size_t nkits = 0, nres = 0;
    double start = grade_now();
    int status = 0, colour;

    grade_buf_init(&err);
    grade_buf_init(&out);
    choose_labs(ctx, o->lab, &names);
    if (!names.n)
        return die("no lab found under %s", ctx->root);
    kits = grade_calloc(names.n, sizeof *kits);
    for (size_t i = 0; i < names.n; i++, nkits++) {
        if (grade_kit_prepare(ctx, names.v[i], strcmp(o->lab, "all") != 0, &kits[i], &err) != 0) {
            fprintf(stderr, "grader: %s\n", grade_buf_str(&err));
            if (!o->batch)
                report_failure(o, names.v[i], grade_buf_str(&err), grade_now() - start);
            return 2;
        }
    }
    if (o->intake) {
        struct grade_intake in;

        if (grade_intake_run(ctx, kits, nkits, o->intake, o->output, &in, &err) != 0) {
            fprintf(stderr, "grader: %s\n", grade_buf_str(&err));
            return 2;
        }
        for (size_t i = 0; i < in.notes.n; i++)
            fprintf(stderr, "grader: %s\n", in.notes.v[i]);
        for (size_t s = 0; s < in.n; s++) {
            printf("%s\n", in.v[s].name);
            for (size_t i = 0; i < in.v[s].notes.n; i++)
                fprintf(stderr, "grader: %s: %s\n", in.v[s].name,
                        strchr(in.v[s].notes.v[i], '\t') + 1);
        }
        grade_intake_free(&in);
        return 0;
    }
    if (o->batch) {
        int b = grade_batch(ctx, kits, nkits, o->batch, o->output ? o->output : "grades", &err);

        if (b != 0) {
            fprintf(stderr, "grader: %s\n", grade_buf_str(&err));
            return b == 3 ? 3 : 2;
        }
        fprintf(stderr, "grader: gradebook written to %s/grades.csv\n",
                o->output ? o->output : "grades");
        return 0;
    }
    if (!grade_fs_is_dir(o->submission))
        return die("no submission folder %s", o->submission);
    res = grade_calloc(nkits, sizeof *res);
    for (size_t i = 0; i < nkits; i++) {
        if (strcmp(o->lab, "all") == 0 && !grade_submission_has_lab(&kits[i], o->submission))
            continue;
        grade_submission(ctx, &kits[i], o->submission, kits[i].lab.name, &res[nres]);
        if (res[nres].error)
            status = 3;
        nres++;
    }
    grade_intake_apply(o->submission, res, nres);    /* a folder --intake staged */
    if (!nres)
        fprintf(stderr, "grader: no student file of any lab in %s\n", o->submission);
    colour = !o->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    grade_report(o->format, res, nres, grade_now() - start, colour, &out);
    if (emit(o->output, &out) != 0)
        status = 2;
    for (size_t i = 0; i < nres; i++) {
        if (res[i].error) {
            for (size_t k = 0; k < res[i].notes.n; k++)
                fprintf(stderr, "grader: %s: %s\n", res[i].lab, res[i].notes.v[k]);
        }
        grade_labres_free(&res[i]);
    }
    free(res);
    for (size_t i = 0; i < nkits; i++)
        grade_kit_free(&kits[i]);
    free(kits);
    grade_strv_free(&names);
    grade_buf_destroy(&err);
    grade_buf_destroy(&out);
    return status;
}

/* --gradebook DIR: no tree, no build, no sandbox needed. */
static int gradebook(const struct options *o)
{
    struct grade_book book = { 0 };
    struct grade_buf err;
    const char *out = o->output ? o->output : "grades.csv";
    int r = 0;

    grade_buf_init(&err);
    if (grade_book_add_dir(&book, o->gradebook, &err) != 0 ||
        grade_book_write(&book, NULL, o->book_format, out, &err) != 0) {
        fprintf(stderr, "grader: %s\n", grade_buf_str(&err));
        r = 2;
    } else {
        fprintf(stderr, "grader: gradebook of %zu students written to %s\n", book.n, out);
    }
    grade_book_free(&book);
    grade_buf_destroy(&err);
    return r;
}

int main(int argc, char **argv)
{
    struct grade_ctx ctx = {
        .cc = GRADE_CC,
        .run = { .cpu_s = 10, .mem_mb = 1024, .fsize_kb = 1024, .nofile = 256, .nproc = 512 },
        .compile = { .cpu_s = 60, .mem_mb = 2048, .fsize_kb = 64 << 10, .nofile = 256,
                     .nproc = 512 },
        .compile_s = 60,
        .test_s = 60,
        .static_checks = 1,
    };
    struct options o = { .format = GRADE_TEXT };
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int r;

    /* Started with a standard descriptor closed (a CI job without standard
     * input), the first pipe would take its number and a child's dup2 onto
     * 0, 1 or 2 would close it: give each closed one /dev/null first. */
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
            return die("%s", "cannot open /dev/null for a closed standard descriptor");

    ctx.jobs = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
    if (getenv("CC") && *getenv("CC"))
        ctx.cc = getenv("CC");
    r = parse_args(argc, argv, &o, &ctx);
    if (r != 0)
        return r > 0 ? 0 : 2;
    if (o.gradebook)
        return gradebook(&o);
    the_ctx = &ctx;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    r = setup(&o, &ctx);
    if (r == 0)
        r = run(&o, &ctx);
    if (ctx.work && !ctx.keep_work)
        grade_fs_rmtree(ctx.work);
    return r;
}
