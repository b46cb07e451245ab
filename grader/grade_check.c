/* grade_check.c - static checks of a submission (see grade_check.h). */
#include "grade_check.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_fs.h"
#include "grade_proc.h"

/* Identifiers a submission's own lines may not use, and why. */
static const struct {
    const char *name;
    int prefix;           /* match every identifier starting with name */
    const char *why;
} banned[] = {
    { "asm", 0, "inline assembly" },
    { "__asm", 0, "inline assembly" },
    { "__asm__", 0, "inline assembly" },
    { "__builtin_frame_address", 0, "reads the call stack" },
    { "__builtin_return_address", 0, "reads the call stack" },
    { "__builtin_extract_return_addr", 0, "reads the call stack" },
    { "__builtin_frob_return_addr", 0, "rewrites a return address" },
    { "__builtin_eh_return", 0, "rewrites a return address" },
    { "__builtin_unwind_init", 0, "reads the call stack" },
    { "__builtin_setjmp", 0, "jumps across functions" },
    { "__builtin_longjmp", 0, "jumps across functions" },
    { "__builtin_apply", 0, "calls through raw argument blocks" },
    { "_IO_", 1, "reaches into the C library's FILE internals" },
    { "_fileno", 0, "reaches into the C library's FILE internals" },
    { "_chain", 0, "reaches into the C library's FILE internals" },
};

/* Is `path` (as the preprocessor wrote it, relative to fresh) a file a
 * submission may include? */
static int include_allowed(const struct grade_ctx *ctx, const char *fresh, const char *path)
{
    char *full, *real;
    int ok = 0;

    if (path[0] == '<')                  /* <built-in>, <command-line> */
        return 1;
    full = path[0] == '/' ? grade_strdup(path) : grade_path(fresh, path);
    real = grade_realpath(full);
    free(full);
    if (!real)
        return 0;
    {
        size_t lf = strlen(fresh);

        if (strncmp(real, fresh, lf) == 0 && real[lf] == '/' && !strchr(real + lf + 1, '/'))
            ok = 1;
    }
    for (size_t i = 0; !ok && i < ctx->sysinc.n; i++) {
        size_t ls = strlen(ctx->sysinc.v[i]);

        if (strncmp(real, ctx->sysinc.v[i], ls) == 0 && real[ls] == '/')
            ok = 1;
    }
    free(real);
    return ok;
}

/* Parse a line marker `# 12 "file" flags` into its file name (escapes
 * undone).  Returns a malloc'd name, or NULL if line is not a marker. */
static char *marker_file(const char *line)
{
    const char *p = line + 1;
    struct grade_buf name;

    while (*p == ' ')
        p++;
    if (!isdigit((unsigned char)*p))
        return NULL;
    while (isdigit((unsigned char)*p))
        p++;
    while (*p == ' ')
        p++;
    if (*p++ != '"')
        return NULL;
    grade_buf_init(&name);
    while (*p && *p != '"') {
        if (*p == '\\' && p[1] >= '0' && p[1] <= '7') {
            int v = 0, k = 0;

            for (p++; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
                v = v * 8 + (*p - '0');
            char c = (char)v;
            grade_buf_add(&name, &c, 1);
            continue;
        }
        if (*p == '\\' && p[1])
            p++;
        grade_buf_add(&name, p++, 1);
    }
    return grade_buf_take(&name);
}

/* Look for banned identifiers on one line of the submission's own code.
 * String and character literals are skipped. */
static void scan_line(const char *line, const char *file, int lineno, struct grade_strv *problems)
{
    for (const char *p = line; *p;) {
        if (*p == '"' || *p == '\'') {
            char q = *p++;

            while (*p && *p != q) {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
            continue;
        }
        if (isalpha((unsigned char)*p) || *p == '_') {
            const char *start = p;

            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
                size_t len = strlen(banned[i].name), n = (size_t)(p - start);

                if ((banned[i].prefix ? n >= len : n == len) &&
                    strncmp(start, banned[i].name, len) == 0) {
                    char *msg = grade_strf("%s:%d: uses %.*s (%s): not allowed in a submission",
                                           file, lineno, (int)n, start, banned[i].why);

                    grade_strv_add_once(problems, msg);
                    free(msg);
                }
            }
            continue;
        }
        p++;
    }
}

static int tool(const struct grade_ctx *ctx, const char *dir, char *const argv[],
                struct grade_buf *out, struct grade_buf *err);

/*
 * The checks that need a C front end (grade_check.py, libclang through
 * Debian's python3-clang), on student file `name` in the fresh folder,
 * with the flags the compiler gets.  The script runs as the sandbox user
 * under the compiler's limits; it is handed over in argv, because the
 * sandbox user may not be able to read the grader's tree.  Returns the
 * number of problems, or -1 when the checker itself failed (err).
 */
static int check_ast(const struct grade_ctx *ctx, const char *fresh, const char *name,
                     const struct grade_strv *own, struct grade_strv *problems,
                     struct grade_buf *err)
{
    char *script_path = grade_path(ctx->root, "grader/grade_check.py");
    struct grade_buf script, out;
    struct grade_strv argv = { 0 }, flags = { 0 };
    size_t before = problems->n;
    char *save = NULL;
    int r = -1;

    grade_buf_init(&script);
    grade_buf_init(&out);
    if (grade_fs_read(script_path, 1 << 20, &script, NULL) != 0) {
        grade_buf_addf(err, "cannot read %s", script_path);
        goto out;
    }
    grade_strv_add(&argv, "/usr/bin/python3");
    grade_strv_add(&argv, "-I");
    grade_strv_add(&argv, "-c");
    grade_strv_add(&argv, grade_buf_str(&script));
    grade_strv_add(&argv, name);
    for (size_t i = 0; i < own->n; i++)
        grade_strv_add(&argv, own->v[i]);
    grade_strv_add(&argv, "--");
    grade_strv_split(&flags, GRADE_WARN);
    for (size_t i = 0; i < flags.n; i++)
        grade_strv_add(&argv, flags.v[i]);
    grade_strv_add(&argv, "-I.");
    if (tool(ctx, fresh, argv.v, &out, err) != 0)
        goto out;
    for (char *line = strtok_r(out.data ? out.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *slash = strrchr(line, '/');

        /* "/abs/fresh/gen.c:12: ..." reads "gen.c:12: ..." */
        grade_strv_add_once(problems, slash && slash < strchr(line, ':') ? slash + 1 : line);
    }
    r = (int)(problems->n - before);
out:
    grade_strv_free(&argv);
    grade_strv_free(&flags);
    grade_buf_destroy(&script);
    grade_buf_destroy(&out);
    free(script_path);
    return r;
}

int grade_check_source(const struct grade_ctx *ctx, const char *ifile, const char *fresh,
                       const struct grade_strv *own, struct grade_strv *problems,
                       struct grade_buf *err)
{
    struct grade_buf text;
    char *current = NULL;
    int lineno = 0, mine = 0;
    size_t before = problems->n;

    grade_buf_init(&text);
    if (grade_fs_read(ifile, 64 << 20, &text, NULL) != 0) {
        grade_strv_add(problems, "the preprocessed source could not be read");
        grade_buf_destroy(&text);
        return 1;
    }
    for (char *line = text.data, *next; line && *line; line = next) {
        char *file;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (line[0] == '#' && (file = marker_file(line)) != NULL) {
            lineno = atoi(line + 1) - 1;
            if (!current || strcmp(current, file) != 0) {
                free(current);
                current = file;
                mine = grade_strv_has(own, current);
                if (!include_allowed(ctx, fresh, current)) {
                    char *msg = grade_strf("includes %s: a submission may include only the "
                                           "lab's headers and the C library's", current);

                    grade_strv_add_once(problems, msg);
                    free(msg);
                }
            } else {
                free(file);
            }
            continue;
        }
        if (mine)
            scan_line(line, current, lineno, problems);
    }
    free(current);
    grade_buf_destroy(&text);
    {
        /* the student file this .i was made from: gen.i <- gen.c */
        const char *base = strrchr(ifile, '/') ? strrchr(ifile, '/') + 1 : ifile;
        size_t len = strlen(base);
        char *name = grade_strf("%.*s.c", (int)(len > 2 ? len - 2 : len), base);
        int r = grade_strv_has(own, name) ? check_ast(ctx, fresh, name, own, problems, err) : 0;

        free(name);
        if (r < 0)
            return -1;
    }
    return (int)(problems->n - before);
}

/* Run a binutils tool as the sandbox user; its output goes to *out. */
static int tool(const struct grade_ctx *ctx, const char *dir, char *const argv[],
                struct grade_buf *out, struct grade_buf *err)
{
    char *file = grade_path(dir, "tool.out");
    struct grade_strv env = { 0 };
    struct grade_spawn sp = { .argv = argv, .cwd = dir, .out = file, .lim = &ctx->compile,
                              .drop = ctx->drop, .uid = ctx->uid, .gid = ctx->gid };
    struct grade_proc p;
    int r = -1;

    grade_proc_env(&env, dir, NULL);
    sp.env = env.v;
    if (grade_proc_run(&sp, ctx->compile_s, &p, err) == 0) {
        if (!p.timed_out && WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0 &&
            grade_fs_read(file, 32 << 20, out, NULL) == 0) {
            r = 0;
        } else {
            grade_buf_addf(err, "%s failed on the submission's object: ", argv[0]);
            grade_proc_describe(&p, ctx->compile_s, err);
        }
    }
    unlink(file);
    free(file);
    grade_strv_free(&env);
    return r;
}

/* One symbol line of `nm -P`: "name type value size". */
static void check_symbol(const struct grade_ctx *ctx, const char *name, char type,
                         const char *shown, const struct grade_allow *al,
                         struct grade_strv *problems)
{
    char *msg = NULL;

    if (type == 'U' || type == 'w' || type == 'v') {
        if (!grade_strv_has(&al->call, name))
            msg = grade_strf("%s calls or uses %s, which a submission for this lab may not use",
                             shown, name);
    } else if (type == 'i') {
        msg = grade_strf("%s defines %s as a GNU indirect function, which runs code at load "
                         "time: not allowed", shown, name);
    } else if (isupper((unsigned char)type) || type == 'u') {
        if (grade_strv_has(&al->define, name))
            return;
        if (grade_allow_is_framework(name))
            msg = grade_strf("%s defines %s, a function of the test framework (interposition): "
                             "not allowed", shown, name);
        else if (grade_allow_is_libc(ctx, name))
            msg = grade_strf("%s defines %s, a function of the C library (interposition): "
                             "not allowed", shown, name);
        else
            msg = grade_strf("%s defines the global symbol %s, which is not part of the lab's "
                             "API (make a helper static)", shown, name);
    }
    if (msg)
        grade_strv_add_once(problems, msg);
    free(msg);
}

int grade_check_object(const struct grade_ctx *ctx, const char *dir, const char *ofile,
                       const char *shown, const struct grade_allow *al,
                       struct grade_strv *problems, struct grade_buf *err)
{
    char *nm_argv[] = { "nm", "-P", (char *)ofile, NULL };
    char *od_argv[] = { "objdump", "-h", "-d", "--no-show-raw-insn", (char *)ofile, NULL };
    struct grade_buf out;
    char *save = NULL;
    size_t before = problems->n;

    grade_buf_init(&out);
    if (tool(ctx, dir, nm_argv, &out, err) != 0) {
        grade_buf_destroy(&out);
        return -1;
    }
    for (char *line = strtok_r(out.data ? out.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char name[512], type;

        if (sscanf(line, "%511s %c", name, &type) == 2)
            check_symbol(ctx, name, type, shown, al, problems);
    }
    grade_buf_reset(&out);
    if (tool(ctx, dir, od_argv, &out, err) != 0) {
        grade_buf_destroy(&out);
        return -1;
    }
    save = NULL;
    for (char *line = strtok_r(out.data ? out.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char word[256], *colon;
        int idx;

        /* Disassembly: "   4:\tsyscall" */
        colon = strchr(line, ':');
        if (line[0] == ' ' && colon && colon[1] == '\t') {
            if (sscanf(colon + 2, "%255s", word) == 1 &&
                (strcmp(word, "syscall") == 0 || strcmp(word, "sysenter") == 0 ||
                 strcmp(word, "int") == 0 || strcmp(word, "svc") == 0)) {
                char *msg = grade_strf("%s issues a raw system call (a %s instruction): "
                                       "not allowed", shown, word);

                grade_strv_add_once(problems, msg);
                free(msg);
            }
            continue;
        }
        /* Section table: "  3 .init_array  00000008  ..." */
        if (sscanf(line, " %d %255s", &idx, word) == 2 && word[0] == '.') {
            static const char *const sections[] = { ".init_array", ".fini_array",
                                                    ".preinit_array", ".ctors", ".dtors",
                                                    ".init", ".fini", NULL };

            for (int i = 0; sections[i]; i++) {
                size_t len = strlen(sections[i]);

                if (strncmp(word, sections[i], len) == 0 && (!word[len] || word[len] == '.')) {
                    char *msg = grade_strf("%s has a %s section: code that runs before or "
                                           "after the tests (a constructor or destructor) "
                                           "is not allowed", shown, word);

                    grade_strv_add_once(problems, msg);
                    free(msg);
                }
            }
        }
    }
    grade_buf_destroy(&out);
    return (int)(problems->n - before);
}
