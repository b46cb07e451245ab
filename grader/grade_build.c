/* grade_build.c - kits and builds (see grade_build.h). */
#include "grade_build.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_check.h"
#include "grade_fs.h"
#include "grade_proc.h"
#include "grade_sandbox.h"

/* Largest student file accepted. */
#define MAX_SOURCE (1 << 20)
/* How much compiler or linker output a report shows. */
#define MAX_LOG_LINES 25

/* "dir/x.c" -> "x.o" style renaming of the last extension. */
static char *with_ext(const char *name, const char *ext)
{
    const char *dot = strrchr(name, '.');
    size_t len = dot ? (size_t)(dot - name) : strlen(name);

    return grade_strf("%.*s%s", (int)len, name, ext);
}

/* How much a step is trusted. */
enum trust {
    TRUSTED,    /* instructor's code: run as the grader */
    LIMITED,    /* the linker on checked objects: limits, the grader's user
                   (it reads the prebuilt objects, which may be private) */
    SANDBOXED,  /* the compiler on the submission: the sandbox user too */
};

/*
 * Run one compiler or linker step in `dir`; its output lands in *out.
 * Returns 1 if it succeeded, 0 if it failed (out says why), -1 if it
 * could not start (err).
 */
static int step(const struct grade_ctx *ctx, const char *dir, const struct grade_strv *argv,
                enum trust trust, struct grade_buf *out, struct grade_buf *err)
{
    char *log = grade_path(dir, "step.log");
    struct grade_strv env = { 0 };
    struct grade_spawn sp = { .argv = argv->v, .cwd = dir, .out = log };
    struct grade_proc p;
    int ok;

    if (trust != TRUSTED)
        sp.lim = &ctx->compile;
    if (trust == SANDBOXED) {
        sp.drop = ctx->drop;
        sp.uid = ctx->uid;
        sp.gid = ctx->gid;
    }
    grade_proc_env(&env, dir, NULL);
    sp.env = env.v;
    if (grade_proc_run(&sp, ctx->compile_s, &p, err) != 0) {
        grade_strv_free(&env);
        free(log);
        return -1;
    }
    grade_fs_read(log, 256 << 10, out, NULL);
    ok = !p.timed_out && WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0;
    if (!ok && (p.timed_out || !WIFEXITED(p.status))) {
        grade_buf_addf(out, "%s: ", argv->v[0]);
        grade_proc_describe(&p, ctx->compile_s, out);
        grade_buf_adds(out, "\n");
    }
    unlink(log);
    free(log);
    grade_strv_free(&env);
    return ok;
}

/* Is `file` (a path from a diagnostic) a file the student may see? */
static int visible_file(const char *file, size_t len, const struct grade_build *b)
{
    if (len == 0 || memchr(file, '/', len))
        return 0;                       /* ours are plain base names */
    for (size_t i = 0; i < len; i++)
        if (isspace((unsigned char)file[i]))
            return 0;
    (void)b;
    return 1;
}

/*
 * Append to b->log the compiler's diagnostics about the submission and
 * the lab headers only, at most MAX_LOG_LINES lines: a diagnostic located
 * in any other file is dropped, so that an error message never quotes a
 * file the submission tried to include.
 */
static void add_diagnostics(struct grade_build *b, const char *text)
{
    const char *p = text;
    int keep = 1, lines = 0;

    while (*p && lines < MAX_LOG_LINES) {
        const char *eol = strchr(p, '\n'), *colon;
        size_t len = eol ? (size_t)(eol - p) : strlen(p);

        colon = memchr(p, ':', len);
        if (strncmp(p, "In file included from ", 22) == 0) {
            const char *f = p + 22, *c = memchr(f, ':', len - 22);

            keep = c && visible_file(f, (size_t)(c - f), b);
        } else if (colon && colon > p && colon + 1 < p + len && isdigit((unsigned char)colon[1])) {
            keep = visible_file(p, (size_t)(colon - p), b);
        } else if (colon && colon > p && strncmp(colon, ": In function", 13) == 0) {
            keep = visible_file(p, (size_t)(colon - p), b);
        }
        if (keep) {
            grade_buf_add(&b->log, p, len);
            grade_buf_adds(&b->log, "\n");
            lines++;
        }
        p += len + (eol ? 1 : 0);
    }
    if (*p)
        grade_buf_adds(&b->log, "[... more messages cut ...]\n");
}

/* Copy the pristine headers of common/, the lab and its earlier labs. */
static int copy_headers(const struct grade_ctx *ctx, const struct grade_kit *kit,
                        const char *src, struct grade_buf *err)
{
    struct grade_strv common = { 0 };
    char *cdir = grade_path(ctx->root, "common");
    int r = 0;

    grade_fs_list(cdir, &common);
    for (size_t i = 0; i < common.n && r == 0; i++) {
        size_t len = strlen(common.v[i]);
        char *from, *to;

        if (len < 3 || strcmp(common.v[i] + len - 2, ".h") != 0)
            continue;
        from = grade_path(cdir, common.v[i]);
        to = grade_path(src, common.v[i]);
        r = grade_fs_copy(from, to, 0644, 4 << 20);
        if (r)
            grade_buf_addf(err, "cannot copy %s: %s", from, strerror(-r));
        free(from);
        free(to);
    }
    grade_strv_free(&common);
    free(cdir);
    for (size_t d = 0; d <= kit->ndeps && r == 0; d++) {
        const struct grade_lab *lab = d < kit->ndeps ? &kit->deps[d] : &kit->lab;

        for (size_t i = 0; i < lab->headers.n && r == 0; i++) {
            char *from = grade_path(lab->dir, lab->headers.v[i]);
            char *to = grade_path(src, lab->headers.v[i]);

            r = grade_fs_copy(from, to, 0644, 4 << 20);
            if (r)
                grade_buf_addf(err, "cannot copy %s: %s", from, strerror(-r));
            free(from);
            free(to);
        }
    }
    return r ? -1 : 0;
}

/* The compiler flags every graded compile uses (the tree's flags but
 * -Werror: a warning is shown, not punished). */
static void add_cflags(struct grade_strv *argv, const struct grade_ctx *ctx)
{
    struct grade_strv warn = { 0 };

    grade_strv_add(argv, ctx->cc);
    grade_strv_split(&warn, GRADE_WARN);
    for (size_t i = 0; i < warn.n; i++)
        if (strcmp(warn.v[i], "-Werror") != 0)
            grade_strv_add(argv, warn.v[i]);
    grade_strv_free(&warn);
    grade_strv_add(argv, "-O1");
    grade_strv_add(argv, "-fstack-protector-strong");
    /* Every local starts zeroed: a local read before it is written never
     * shows what an earlier call left there (an address kept as one type,
     * read as another), and reads the same on every run. */
    grade_strv_add(argv, "-ftrivial-auto-var-init=zero");
}

/* Preprocess, check, compile and check one student file.  Returns
 * GRADE_BUILT or why not. */
static enum grade_build_status compile_one(const struct grade_ctx *ctx, const struct grade_kit *kit,
                                           struct grade_build *b, const char *name,
                                           struct grade_strv *objs)
{
    char *ifile = with_ext(name, ".i"), *ofile = with_ext(name, ".o");
    struct grade_strv argv = { 0 };
    struct grade_buf out, err;
    enum grade_build_status st = GRADE_BUILT;
    int r;

    grade_buf_init(&out);
    grade_buf_init(&err);
    add_cflags(&argv, ctx);
    grade_strv_add(&argv, "-I.");
    grade_strv_add(&argv, "-E");
    grade_strv_add(&argv, name);
    grade_strv_add(&argv, "-o");
    grade_strv_add(&argv, ifile);
    r = step(ctx, b->src, &argv, SANDBOXED, &out, &err);
    if (r <= 0) {
        st = r < 0 ? GRADE_BUILD_ERROR : GRADE_NOT_COMPILED;
        add_diagnostics(b, r < 0 ? grade_buf_str(&err) : grade_buf_str(&out));
        goto out;
    }
    {
        char *ipath = grade_path(b->src, ifile);
        struct grade_strv own = { 0 };

        for (size_t i = 0; i < kit->lab.student.n; i++)
            grade_strv_add(&own, kit->lab.student.v[i]);
        if (ctx->static_checks) {
            r = grade_check_source(ctx, ipath, b->src, &own, &b->problems, &err);
            if (r < 0) {
                st = GRADE_BUILD_ERROR;
                grade_buf_add(&b->log, err.data ? err.data : "", err.len);
            } else if (r > 0) {
                st = GRADE_REFUSED;
            }
        }
        grade_strv_free(&own);
        free(ipath);
        if (st != GRADE_BUILT)
            goto out;
    }
    grade_strv_free(&argv);
    grade_buf_reset(&out);
    add_cflags(&argv, ctx);
    /* The file itself, not the .i: the compiler needs the comments
     * ("fall through") and the same files are all it can read. */
    grade_strv_add(&argv, "-I.");
    grade_strv_add(&argv, "-c");
    grade_strv_add(&argv, name);
    grade_strv_add(&argv, "-o");
    grade_strv_add(&argv, ofile);
    r = step(ctx, b->src, &argv, SANDBOXED, &out, &err);
    if (r <= 0) {
        st = r < 0 ? GRADE_BUILD_ERROR : GRADE_NOT_COMPILED;
        add_diagnostics(b, r < 0 ? grade_buf_str(&err) : grade_buf_str(&out));
        goto out;
    }
    if (out.len)                  /* warnings: shown, not punished */
        add_diagnostics(b, grade_buf_str(&out));
    if (ctx->static_checks) {
        r = grade_check_object(ctx, b->src, ofile, name, &kit->allow, &b->problems, &err);
        if (r < 0) {
            st = GRADE_BUILD_ERROR;
            grade_buf_add(&b->log, err.data ? err.data : "", err.len);
            goto out;
        }
        if (r > 0)
            st = GRADE_REFUSED;
    }
    grade_strv_addf(objs, "%s/%s", b->src, ofile);
out:
    grade_strv_free(&argv);
    grade_buf_destroy(&out);
    grade_buf_destroy(&err);
    free(ifile);
    free(ofile);
    return st;
}

/* Link objs (the submission's) with `extra` into prog. */
static enum grade_build_status link_prog(const struct grade_ctx *ctx, const struct grade_kit *kit,
                                         struct grade_build *b, const struct grade_strv *objs,
                                         const struct grade_strv *extra, const char *prog)
{
    struct grade_strv argv = { 0 };
    struct grade_buf out, err;
    int r;

    grade_buf_init(&out);
    grade_buf_init(&err);
    grade_strv_add(&argv, ctx->cc);
    grade_strv_add(&argv, "-o");
    grade_strv_add(&argv, prog);
    for (size_t i = 0; i < objs->n; i++)
        grade_strv_add(&argv, objs->v[i]);
    for (size_t i = 0; i < extra->n; i++)
        grade_strv_add(&argv, extra->v[i]);
    for (size_t i = 0; i < kit->link_objs.n; i++)
        grade_strv_add(&argv, kit->link_objs.v[i]);
    /* Every allocation goes through the out-of-memory guard; every test
     * through co_check.c's wrapper, which writes its proof of having
     * returned (grader/README.md); the GOT is read-only once loaded (full
     * RELRO); the stack is never executable, whatever an object asks (a
     * nested function's trampoline would make it so). */
    grade_strv_add(&argv, "-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc");
    grade_strv_add(&argv, "-Wl,--wrap=_tcase_add_test,--wrap=tcase_set_timeout");
    grade_strv_add(&argv, "-Wl,-z,relro,-z,now,-z,noexecstack");
    grade_strv_split(&argv, GRADE_CHECK_LIBS);
    for (size_t i = 0; i < kit->lab.ldlibs.n; i++)
        grade_strv_add(&argv, kit->lab.ldlibs.v[i]);
    r = step(ctx, b->job, &argv, LIMITED, &out, &err);
    grade_strv_free(&argv);
    if (r <= 0) {
        grade_buf_adds(&b->log, r < 0 ? grade_buf_str(&err) : grade_buf_str(&out));
        grade_buf_destroy(&out);
        grade_buf_destroy(&err);
        return r < 0 ? GRADE_BUILD_ERROR : GRADE_NOT_LINKED;
    }
    grade_buf_destroy(&out);
    grade_buf_destroy(&err);
    return GRADE_BUILT;
}

enum grade_build_status grade_build_run(const struct grade_ctx *ctx, const struct grade_kit *kit,
                                        const struct grade_strv *files, const char *job,
                                        struct grade_build *b)
{
    struct grade_strv objs = { 0 };
    enum grade_build_status st = GRADE_BUILT;
    struct grade_buf err;
    int r;

    memset(b, 0, sizeof *b);
    grade_buf_init(&b->log);
    grade_buf_init(&err);
    b->job = grade_strdup(job);
    b->src = grade_path(job, "src");
    if (grade_fs_mkdirs(b->src, 0755) != 0 || copy_headers(ctx, kit, b->src, &err) != 0) {
        grade_buf_addf(&b->log, "grader: cannot prepare %s: %s\n", b->src, grade_buf_str(&err));
        grade_buf_destroy(&err);
        return GRADE_BUILD_ERROR;
    }
    for (size_t i = 0; i < files->n; i++) {
        const char *base = strrchr(files->v[i], '/');
        char *to = grade_path(b->src, base ? base + 1 : files->v[i]);

        r = grade_fs_copy(files->v[i], to, 0644, MAX_SOURCE);
        free(to);
        if (r != 0) {
            grade_buf_addf(&b->log, "grader: cannot copy %s: %s\n", files->v[i], strerror(-r));
            grade_buf_destroy(&err);
            return GRADE_BUILD_ERROR;
        }
    }
    if (ctx->drop && grade_fs_chown_tree(job, ctx->uid, ctx->gid) != 0) {
        grade_buf_addf(&b->log, "grader: cannot hand %s to the sandbox user\n", job);
        grade_buf_destroy(&err);
        return GRADE_BUILD_ERROR;
    }
    grade_buf_destroy(&err);
    /* Compile every file (so that every refusal is reported at once). */
    for (size_t i = 0; i < files->n; i++) {
        const char *base = strrchr(files->v[i], '/');
        enum grade_build_status one = compile_one(ctx, kit, b, base ? base + 1 : files->v[i], &objs);

        if (one != GRADE_BUILT && (st == GRADE_BUILT || one == GRADE_BUILD_ERROR))
            st = one;
    }
    if (st == GRADE_BUILT) {
        b->prog = grade_path(job, "check_graded");
        st = link_prog(ctx, kit, b, &objs, &kit->test_objs, b->prog);
    }
    if (st == GRADE_BUILT && kit->has_hidden) {
        b->hidden_prog = grade_path(job, "check_hidden");
        st = link_prog(ctx, kit, b, &objs, &kit->hidden_objs, b->hidden_prog);
    }
    if (st == GRADE_BUILT && kit->speed_objs.n) {
        b->speed_prog = grade_path(job, "check_speed");
        st = link_prog(ctx, kit, b, &objs, &kit->speed_objs, b->speed_prog);
    }
    grade_strv_free(&objs);
    return st;
}

void grade_build_free(struct grade_build *b)
{
    free(b->job);
    free(b->src);
    free(b->prog);
    free(b->hidden_prog);
    free(b->speed_prog);
    grade_strv_free(&b->problems);
    grade_buf_destroy(&b->log);
    memset(b, 0, sizeof *b);
}

/* Compile extra suites once (an instructor's hidden suite, the speed
 * part's workload): `sources` (absolute paths), a main() that runs the
 * suites they define (every global function named make_*_suite), and add
 * the objects to *objs, then the lab's test objects but its main, for the
 * helpers they may share with the public tests.  `what` names them in
 * messages ("the hidden suite"), `tag` their folder. */
static int compile_suites(const struct grade_ctx *ctx, const struct grade_kit *kit,
                          const char *what, const char *tag, const struct grade_strv *sources,
                          struct grade_strv *objs, struct grade_buf *err)
{
    char *dir = grade_strf("%s/%s-%s", ctx->work, tag, kit->lab.name);
    struct grade_strv makers = { 0 };
    struct grade_buf out, main_src;
    int r = -1;

    grade_buf_init(&out);
    grade_buf_init(&main_src);
    if (grade_fs_mkdirs(dir, 0755) != 0) {
        grade_buf_addf(err, "cannot create %s", dir);
        goto done;
    }
    for (size_t i = 0; i <= sources->n; i++) {
        int is_main = i == sources->n;
        const char *srcpath = is_main ? NULL : sources->v[i];
        const char *base = srcpath ? strrchr(srcpath, '/') + 1 : "hidden_main.c";
        char *obj = grade_strf("%s/%s", dir, base), *o = with_ext(obj, ".o");
        struct grade_strv argv = { 0 };

        if (is_main) {
            grade_buf_adds(&main_src, "/* generated by the grader: the hidden suites' main */\n"
                                      "#include \"co_check.h\"\n");
            for (size_t m = 0; m < makers.n; m++)
                grade_buf_addf(&main_src, "Suite *%s(void);\n", makers.v[m]);
            grade_buf_adds(&main_src, "int main(int argc, char **argv)\n{\n"
                                      "    static co_suite_maker *const makers[] = {\n");
            for (size_t m = 0; m < makers.n; m++)
                grade_buf_addf(&main_src, "        %s,\n", makers.v[m]);
            grade_buf_adds(&main_src, "        NULL,\n    };\n"
                                      "    return co_check_main(argc, argv, makers);\n}\n");
            srcpath = obj;
            grade_fs_write(obj, main_src.data, main_src.len, 0644);
        }
        add_cflags(&argv, ctx);
        grade_strv_split(&argv, GRADE_CHECK_CFLAGS);
        grade_strv_addf(&argv, "-I%s/common", ctx->root);
        grade_strv_addf(&argv, "-I%s", kit->lab.dir);
        grade_strv_addf(&argv, "-I%s/tests", kit->lab.dir);
        for (size_t d = 0; d < kit->ndeps; d++)
            grade_strv_addf(&argv, "-I%s", kit->deps[d].dir);
        grade_strv_add(&argv, "-c");
        grade_strv_add(&argv, srcpath);
        grade_strv_add(&argv, "-o");
        grade_strv_add(&argv, o);
        grade_buf_reset(&out);
        if (step(ctx, dir, &argv, TRUSTED, &out, err) != 1) {
            grade_buf_addf(err, "%s %s does not compile:\n%s", what, srcpath,
                           grade_buf_str(&out));
            grade_strv_free(&argv);
            free(obj);
            free(o);
            goto done;
        }
        grade_strv_free(&argv);
        grade_strv_add(objs, o);
        if (!is_main) {
            /* its suite makers, from nm */
            struct grade_strv nm = { 0 };

            grade_strv_add(&nm, "nm");
            grade_strv_add(&nm, "-P");
            grade_strv_add(&nm, "--defined-only");
            grade_strv_add(&nm, o);
            grade_buf_reset(&out);
            if (step(ctx, dir, &nm, TRUSTED, &out, err) == 1) {
                char *save = NULL;

                for (char *line = strtok_r(out.data ? out.data : (char[]){ 0 }, "\n", &save);
                     line; line = strtok_r(NULL, "\n", &save)) {
                    char name[256], type;
                    size_t len;

                    if (sscanf(line, "%255s %c", name, &type) == 2 && type == 'T' &&
                        strncmp(name, "make_", 5) == 0 && (len = strlen(name)) > 11 &&
                        strcmp(name + len - 6, "_suite") == 0)
                        grade_strv_add_once(&makers, name);
                }
            }
            grade_strv_free(&nm);
        }
        free(obj);
        free(o);
        if (i + 1 == sources->n && !makers.n) {
            grade_buf_addf(err, "%s %s defines no make_*_suite function", what,
                           sources->v[0]);
            goto done;
        }
    }
    /* The lab's test objects but its main (tests/check_main.c comes first),
     * for the helpers hidden tests may share with the public ones. */
    for (size_t i = 1; i < kit->lab.tests.n; i++) {
        char *rel = grade_strf("%s/%s", kit->lab.name, kit->lab.tests.v[i]);
        char *o = with_ext(rel, ".o");
        char *path = grade_ctx_sol(ctx, o);

        grade_strv_add(objs, path);
        free(rel);
        free(o);
        free(path);
    }
    r = 0;
done:
    grade_strv_free(&makers);
    grade_buf_destroy(&out);
    grade_buf_destroy(&main_src);
    free(dir);
    return r;
}

/*
 * The speed part's two programs: the workload tests/speed_NAME.c linked
 * with the submission (grade_build_run), and the same linked with the
 * reference, built here once per kit exactly as a submission is (the same
 * folder layout, flags and link; no static checks: it is ours).  Without
 * the reference in the tree (a bundle, a handout) there is nothing to
 * measure against: ref_speed_prog stays NULL and the part is not scored.
 */
static int prepare_speed(const struct grade_ctx *ctx, struct grade_kit *kit, struct grade_buf *err)
{
    struct grade_strv srcs = { 0 }, files = { 0 };
    struct grade_ctx trusted = *ctx;
    struct grade_build b;
    char *job;
    int r = 0;

    grade_strv_addf(&srcs, "%s/tests/speed_%s.c", kit->lab.dir, kit->lab.speed.name);
    if (!grade_fs_is_file(srcs.v[0])) {
        grade_buf_addf(err, "the speed part's workload %s is missing", srcs.v[0]);
        grade_strv_free(&srcs);
        return -1;
    }
    r = compile_suites(ctx, kit, "the speed part's workload", "speed", &srcs, &kit->speed_objs, err);
    grade_strv_free(&srcs);
    if (r != 0)
        return -1;
    for (size_t i = 0; i < kit->lab.student.n; i++) {
        char *f = grade_strf("%s/solutions/%s/%s", ctx->root, kit->lab.name, kit->lab.student.v[i]);

        if (grade_fs_is_file(f))
            grade_strv_add(&files, f);
        free(f);
    }
    if (files.n != kit->lab.student.n) {
        grade_strv_free(&files);
        return 0;                     /* no reference here */
    }
    job = grade_strf("%s/speed-ref-%s", ctx->work, kit->lab.name);
    trusted.static_checks = 0;
    memset(&b, 0, sizeof b);
    if (grade_fs_mkdirs(job, 0755) != 0 ||
        grade_build_run(&trusted, kit, &files, job, &b) != GRADE_BUILT || !b.speed_prog) {
        grade_buf_addf(err, "the reference of %s does not build with the speed part's "
                       "workload:\n%s", kit->lab.name, grade_buf_str(&b.log));
        r = -1;
    } else {
        kit->ref_speed_prog = grade_strdup(b.speed_prog);
    }
    grade_build_free(&b);
    grade_strv_free(&files);
    free(job);
    return r;
}

/* Turn paths relative to BUILD/sol into absolute ones; each must exist. */
/* The hidden suite, compiled once. */
static int compile_hidden(const struct grade_ctx *ctx, struct grade_kit *kit, struct grade_buf *err)
{
    return compile_suites(ctx, kit, "the hidden suite", "hidden", &kit->hidden.sources,
                          &kit->hidden_objs, err);
}

static int sol_paths(const struct grade_ctx *ctx, struct grade_strv *sv, struct grade_buf *err)
{
    for (size_t i = 0; i < sv->n; i++) {
        char *full = grade_ctx_sol(ctx, sv->v[i]);

        if (!grade_fs_is_file(full)) {
            grade_buf_addf(err, "%s is missing: build first (make build, or make BUILD=%s build)",
                           full, ctx->build);
            free(full);
            return -1;
        }
        free(sv->v[i]);
        sv->v[i] = full;
    }
    return 0;
}

int grade_kit_prepare(const struct grade_ctx *ctx, const char *name, int only_lab,
                      struct grade_kit *kit, struct grade_buf *err)
{
    memset(kit, 0, sizeof *kit);
    if (grade_lab_load(ctx->root, name, &kit->lab, err) != 0)
        return -1;
    kit->deps = grade_calloc(kit->lab.deps.n, sizeof *kit->deps);
    for (size_t i = 0; i < kit->lab.deps.n; i++) {
        if (grade_lab_load(ctx->root, kit->lab.deps.v[i], &kit->deps[i], err) != 0)
            return -1;
        kit->ndeps++;
    }
    if (grade_allow_build(ctx, &kit->lab, kit->deps, kit->ndeps, &kit->allow, err) != 0)
        return -1;
    {
        /* The lab's test filter: its own "syscalls" and its earlier labs',
         * whose reference code runs in its tests (grader/README.md). */
        struct grade_strv sys = { 0 };
        int r;

        for (size_t d = 0; d <= kit->ndeps; d++) {
            const struct grade_lab *l = d < kit->ndeps ? &kit->deps[d] : &kit->lab;

            for (size_t i = 0; i < l->syscalls.n; i++)
                grade_strv_add_once(&sys, l->syscalls.v[i]);
        }
        r = grade_sandbox_test(ctx->work, kit->lab.name, &sys, &kit->bpf_test, err);
        grade_strv_free(&sys);
        if (r != 0)
            return -1;
    }
    /* What every graded program links: the prebuilt test objects, the
     * reference objects of the earlier labs, the guard, libco.a. */
    for (size_t i = 0; i < kit->lab.tests.n; i++) {
        char *rel = grade_strf("%s/%s", kit->lab.name, kit->lab.tests.v[i]);
        char *o = with_ext(rel, ".o");

        grade_strv_add(&kit->test_objs, o);
        free(rel);
        free(o);
    }
    for (size_t d = 0; d <= kit->ndeps; d++) {
        const struct grade_lab *l = d < kit->ndeps ? &kit->deps[d] : &kit->lab;

        for (size_t i = 0; d < kit->ndeps && i < l->student.n; i++) {
            char *o = with_ext(l->student.v[i], ".o");

            grade_strv_addf(&kit->link_objs, "solutions/%s/%s", l->name, o);
            free(o);
        }
        /* given code: pristine, prebuilt from the lab folder, the same
         * for every build; a submission never replaces it */
        for (size_t i = 0; i < l->given.n; i++) {
            char *o = with_ext(l->given.v[i], ".o");

            grade_strv_addf(&kit->link_objs, "%s/%s", l->name, o);
            free(o);
        }
    }
    grade_strv_add(&kit->link_objs, "grader/runtime/oom_guard.o");
    grade_strv_add(&kit->link_objs, "libco.a");
    if (sol_paths(ctx, &kit->test_objs, err) != 0 || sol_paths(ctx, &kit->link_objs, err) != 0)
        return -1;
    if (ctx->hidden) {
        int r = grade_hidden_load(ctx->hidden, &kit->lab, only_lab, &kit->hidden, err);

        if (r < 0)
            return -1;
        kit->has_hidden = r == 0;
        if (kit->has_hidden && compile_hidden(ctx, kit, err) != 0)
            return -1;
    }
    if (kit->lab.speed.name && prepare_speed(ctx, kit, err) != 0)
        return -1;
    return 0;
}

void grade_kit_free(struct grade_kit *kit)
{
    grade_lab_free(&kit->lab);
    for (size_t i = 0; i < kit->ndeps; i++)
        grade_lab_free(&kit->deps[i]);
    free(kit->deps);
    grade_allow_free(&kit->allow);
    grade_strv_free(&kit->link_objs);
    grade_strv_free(&kit->test_objs);
    if (kit->has_hidden)
        grade_hidden_free(&kit->hidden);
    grade_strv_free(&kit->hidden_objs);
    grade_strv_free(&kit->speed_objs);
    free(kit->ref_speed_prog);
    free(kit->bpf_test);
    memset(kit, 0, sizeof *kit);
}
