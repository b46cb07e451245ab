/* grade_allow.c - the symbol policy of a lab (see grade_allow.h). */
#include "grade_allow.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_fs.h"
#include "grade_proc.h"

/* C library functions any submission may call.  Nothing here can open a
 * file, start or signal a process, end the process, touch a descriptor
 * other than through stdout/stderr, or jump across stack frames. */
static const char *const libc_calls[] = {
    /* memory (the three the out-of-memory guard wraps and zeroes) */
    "malloc", "calloc", "realloc", "free",
    /* strings and bytes */
    "memchr", "memrchr", "memcmp", "memcpy", "memmove", "memset", "strlen", "strnlen",
    "strcmp", "strncmp", "strcasecmp", "strncasecmp", "strcpy", "strncpy", "stpcpy",
    "stpncpy", "strcat", "strncat", "strchr", "strrchr", "strstr", "strspn", "strcspn",
    "strpbrk", "strtok_r", "strdup", "strndup", "strerror", "strcoll",
    /* formatting */
    "printf", "vprintf", "fprintf", "vfprintf", "snprintf", "vsnprintf", "sprintf",
    "vsprintf", "asprintf", "vasprintf", "puts", "putchar", "fputs", "fputc", "putc",
    "fwrite", "fflush", "perror", "stdout", "stderr", "sscanf", "__isoc99_sscanf",
    "vsscanf", "__isoc99_vsscanf",
    /* numbers */
    "strtol", "strtoll", "strtoul", "strtoull", "strtod", "strtof", "strtold", "atoi",
    "atol", "atoll", "atof", "abs", "labs", "llabs", "div", "ldiv", "lldiv", "rand",
    "srand", "rand_r", "qsort", "bsearch",
    "sqrt", "cbrt", "floor", "ceil", "round", "trunc", "lround", "llround", "fabs",
    "fmod", "pow", "exp", "exp2", "log", "log2", "log10", "fmin", "fmax", "ldexp",
    "frexp", "modf", "nan", "hypot", "sin", "cos", "tan", "atan2",
    "sqrtf", "floorf", "ceilf", "fabsf", "roundf",
    "tolower", "toupper", "isalpha", "isdigit", "isalnum", "isspace", "isupper",
    "islower", "isprint", "ispunct", "isxdigit",
    /* clocks (reading them is harmless; sleeping is not on this list) */
    "clock_gettime", "clock", "time",
    /* the run-time the compiler and the C library's macros call */
    "abort", "__assert_fail", "__errno_location", "__stack_chk_fail",
    "_GLOBAL_OFFSET_TABLE_", "__ctype_b_loc", "__ctype_tolower_loc",
    "__ctype_toupper_loc", "__printf_chk", "__fprintf_chk", "__vfprintf_chk",
    "__vprintf_chk", "__sprintf_chk", "__snprintf_chk", "__vsprintf_chk",
    "__vsnprintf_chk", "__asprintf_chk", "__vasprintf_chk", "__memcpy_chk",
    "__memmove_chk", "__memset_chk", "__strcpy_chk", "__strncpy_chk", "__stpcpy_chk",
    "__strcat_chk", "__strncat_chk", "__fwrite_chk",
    "__divti3", "__udivti3", "__modti3", "__umodti3", "__muldc3", "__mulsc3",
    "__popcountdi2", "__popcountsi2", "__clzdi2", "__ctzdi2",
    NULL,
};

void grade_allow_free(struct grade_allow *al)
{
    grade_strv_free(&al->define);
    grade_strv_free(&al->call);
}

int grade_allow_is_framework(const char *name)
{
    static const char *const prefixes[] = {
        "srunner_", "suite_", "tcase_", "_tcase_", "_ck_", "ck_", "tr_", "check_",
        "mark_point", "_mark_point", "co_check_", "send_", "receive_", "ppack",
        "punpack", "eprintf", "emalloc", "erealloc", "__wrap_", "__real_", NULL,
    };

    for (int i = 0; prefixes[i]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* Global symbols defined by `what` (an archive or a shared library) as
 * nm lists them, added to out. */
static int nm_defined(const struct grade_ctx *ctx, const char *what, int dynamic,
                      struct grade_strv *out)
{
    char *outfile = grade_path(ctx->work, "nm-defined.txt");
    char *argv[] = { "nm", "-P", "-g", "--defined-only", dynamic ? "-D" : "-g",
                     (char *)what, NULL };
    struct grade_strv env = { 0 };
    struct grade_spawn sp = { .argv = argv, .out = outfile };
    struct grade_proc p;
    struct grade_buf text, err;
    int r = -1;

    grade_proc_env(&env, NULL, NULL);
    sp.env = env.v;
    grade_buf_init(&text);
    grade_buf_init(&err);
    if (grade_proc_run(&sp, 30, &p, &err) == 0 && !p.timed_out &&
        grade_fs_read(outfile, 16 << 20, &text, NULL) == 0) {
        char *save = NULL;

        for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save);
             line; line = strtok_r(NULL, "\n", &save)) {
            char *sp_ = strchr(line, ' ');
            char *at;

            if (!sp_ || line[strlen(line) - 1] == ':')
                continue;             /* "archive[member.o]:" headers */
            *sp_ = '\0';
            if ((at = strchr(line, '@')) != NULL)
                *at = '\0';           /* symbol versions */
            grade_strv_add_once(out, line);
        }
        r = 0;
    }
    unlink(outfile);
    free(outfile);
    grade_strv_free(&env);
    grade_buf_destroy(&text);
    grade_buf_destroy(&err);
    return r;
}

int grade_allow_is_libc(const struct grade_ctx *ctx, const char *name)
{
    static struct grade_strv libc;
    static int loaded;

    if (!loaded) {
        const char *paths[] = { "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                                "/lib64/libc.so.6", "/usr/lib64/libc.so.6",
                                "/lib/aarch64-linux-gnu/libc.so.6", NULL };

        loaded = 1;
        for (int i = 0; paths[i]; i++) {
            if (grade_fs_is_file(paths[i])) {
                nm_defined(ctx, paths[i], 1, &libc);
                break;
            }
        }
    }
    for (int i = 0; libc_calls[i]; i++)
        if (strcmp(libc_calls[i], name) == 0)
            return 1;
    return grade_strv_has(&libc, name);
}

/* Skip C keywords when looking for the declared name in an aux-info line. */
static int is_keyword(const char *w, size_t n)
{
    static const char *const kw[] = {
        "void", "int", "char", "short", "long", "unsigned", "signed", "float", "double",
        "struct", "union", "enum", "const", "volatile", "extern", "static", "inline",
        "_Bool", "restrict", "__restrict", NULL,
    };

    for (int i = 0; kw[i]; i++)
        if (strlen(kw[i]) == n && strncmp(kw[i], w, n) == 0)
            return 1;
    return 0;
}

/* The function name an aux-info declaration declares, or NULL:
 * the first identifier (not a keyword) directly before a '('. */
static char *declared_name(const char *decl)
{
    for (const char *p = strchr(decl, '('); p; p = strchr(p + 1, '(')) {
        const char *end = p, *start;

        while (end > decl && end[-1] == ' ')
            end--;
        start = end;
        while (start > decl && (start[-1] == '_' || (start[-1] >= 'a' && start[-1] <= 'z') ||
                                (start[-1] >= 'A' && start[-1] <= 'Z') ||
                                (start[-1] >= '0' && start[-1] <= '9')))
            start--;
        if (start < end && !is_keyword(start, (size_t)(end - start)) &&
            !(*start >= '0' && *start <= '9')) {
            char *name = grade_calloc((size_t)(end - start) + 1, 1);

            memcpy(name, start, (size_t)(end - start));
            return name;
        }
    }
    return NULL;
}

/*
 * Add to out the functions declared (not static) in the headers of the
 * first `keep` of `labs`: compile a file that includes them with
 * -aux-info (every lab's folder on the include path) and keep the
 * declarations whose file is in one of those labs' folders.
 */
static int api_of(const struct grade_ctx *ctx, const struct grade_lab *const labs[], size_t n,
                  size_t keep, struct grade_strv *out, struct grade_buf *err)
{
    char *tu = grade_path(ctx->work, "api.c"), *aux = grade_path(ctx->work, "api.aux");
    char *log = grade_path(ctx->work, "api.log"), *common = grade_path(ctx->root, "common");
    struct grade_strv argv = { 0 }, env = { 0 };
    struct grade_buf src, text;
    struct grade_proc p;
    int r = -1;

    grade_buf_init(&src);
    grade_buf_init(&text);
    for (size_t i = 0; i < keep; i++)
        for (size_t h = 0; h < labs[i]->headers.n; h++)
            grade_buf_addf(&src, "#include \"%s/%s\"\n", labs[i]->dir, labs[i]->headers.v[h]);
    grade_buf_adds(&src, "int grade_api_unused;\n");
    grade_fs_write(tu, src.data, src.len, 0644);
    grade_strv_add(&argv, ctx->cc);
    grade_strv_split(&argv, GRADE_WARN);
    grade_strv_addf(&argv, "-I%s", common);
    for (size_t i = 0; i < n; i++)
        grade_strv_addf(&argv, "-I%s", labs[i]->dir);
    grade_strv_add(&argv, "-fsyntax-only");
    grade_strv_add(&argv, "-aux-info");
    grade_strv_add(&argv, aux);
    grade_strv_add(&argv, tu);
    grade_proc_env(&env, NULL, NULL);
    {
        struct grade_spawn sp = { .argv = argv.v, .env = env.v, .out = log };

        if (grade_proc_run(&sp, ctx->compile_s, &p, err) != 0)
            goto out;
    }
    if (p.timed_out || !WIFEXITED(p.status) || WEXITSTATUS(p.status) != 0 ||
        grade_fs_read(aux, 16 << 20, &text, NULL) != 0) {
        struct grade_buf why;

        grade_buf_init(&why);
        grade_fs_read(log, 4096, &why, NULL);
        grade_buf_addf(err, "cannot read the API of %s from its headers:\n%s",
                       labs[0]->name, grade_buf_str(&why));
        grade_buf_destroy(&why);
        goto out;
    }
    {
        char *save = NULL;

        for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save);
             line; line = strtok_r(NULL, "\n", &save)) {
            char *file, *colon, *decl, *name;
            int ours = 0;

            if (strncmp(line, "/* ", 3) != 0 || !(decl = strstr(line, " */ ")))
                continue;
            file = line + 3;
            colon = strchr(file, ':');
            if (!colon || colon > decl)
                continue;
            *colon = '\0';
            decl += 4;
            for (size_t i = 0; i < keep; i++) {
                size_t len = strlen(labs[i]->dir);

                if (strncmp(file, labs[i]->dir, len) == 0 && file[len] == '/' &&
                    !strchr(file + len + 1, '/'))
                    ours = 1;
            }
            if (!ours || strncmp(decl, "static ", 7) == 0)
                continue;
            name = declared_name(decl);
            if (name)
                grade_strv_add_once(out, name);
            free(name);
        }
    }
    r = 0;
out:
    unlink(tu);
    unlink(aux);
    unlink(log);
    free(tu);
    free(aux);
    free(log);
    free(common);
    grade_strv_free(&argv);
    grade_strv_free(&env);
    grade_buf_destroy(&src);
    grade_buf_destroy(&text);
    return r;
}

/* The manifest's extra calls and definitions ("calls", "defines"). */
static int allow_manifest(const struct grade_lab *lab, struct grade_allow *al)
{
    for (size_t i = 0; i < lab->calls.n; i++)
        grade_strv_add_once(&al->call, lab->calls.v[i]);
    for (size_t i = 0; i < lab->defines.n; i++)
        grade_strv_add_once(&al->define, lab->defines.v[i]);
    return 0;
}

int grade_allow_build(const struct grade_ctx *ctx, const struct grade_lab *lab,
                      const struct grade_lab *deps, size_t ndeps,
                      struct grade_allow *al, struct grade_buf *err)
{
    const struct grade_lab *all[32];
    struct grade_strv common = { 0 };
    char *libco = grade_ctx_sol(ctx, "libco.a");
    size_t n = 0;

    memset(al, 0, sizeof *al);
    all[n++] = lab;
    for (size_t i = 0; i < ndeps && n < 32; i++)
        all[n++] = &deps[i];
    if (api_of(ctx, all, n, 1, &al->define, err) != 0 ||
        api_of(ctx, all, n, n, &al->call, err) != 0) {
        free(libco);
        return -1;
    }
    if (nm_defined(ctx, libco, 0, &common) != 0) {
        grade_buf_addf(err, "cannot list the symbols of %s (run make build first)", libco);
        free(libco);
        return -1;
    }
    free(libco);
    for (size_t i = 0; i < common.n; i++)
        if (!grade_allow_is_framework(common.v[i]))
            grade_strv_add_once(&al->call, common.v[i]);
    grade_strv_free(&common);
    for (int i = 0; libc_calls[i]; i++)
        grade_strv_add_once(&al->call, libc_calls[i]);
    return allow_manifest(lab, al);
}
