/* grade_intake.c - a class as course platforms export it (see grade_intake.h). */
#include "grade_intake.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade_fs.h"
#include "grade_proc.h"

#define MAX_ZIP_BYTES     (64L << 20)   /* an archive itself */
#define MAX_ZIP_ENTRIES   1000
#define MAX_ZIP_UNPACKED  (32L << 20)   /* what its listing may add up to */
#define MAX_ZIP_FILE_KB   (8L << 10)    /* RLIMIT_FSIZE of unzip: one file */
#define MAX_ZIP_DEPTH     2             /* zips inside zips */
#define MAX_DIR_DEPTH     8
#define MAX_WALK_ENTRIES  5000          /* per student */
#define MAX_FILE          (1 << 20)     /* a lab file (as grade_submission) */

/* One file that may be lab file `want`. */
struct cand {
    char *path;        /* where it is now */
    char *shown;       /* as the student's export has it: "myproj/Gen (1).c" */
    char *folder;      /* its folder, as shown ("" at the top) */
    int version;       /* N of "-N" or " (N)"; 0 for none */
    int exact;         /* the name is exactly the lab file's */
    int hidden;        /* inside a hidden folder */
    int in_lab;        /* inside a folder named after the file's lab */
};

/* What intake knows about one student while it reads the export. */
struct who {
    char *name;
    struct grade_strv sources;    /* paths of folders, files, zips */
    struct grade_strv shown_as;   /* ... and the names to show for them */
    struct grade_strv notes;
};

/* The lab files, flattened: file i belongs to lab labof[i]. */
struct files {
    struct grade_strv name;
    struct grade_strv lab;
};

struct walk {
    const struct grade_ctx *ctx;
    const struct files *files;
    struct who *who;
    const char *scratch;          /* where its zips are opened */
    struct cand **cands;          /* per lab file */
    size_t *ncands;
    struct grade_strv others;     /* files that matched nothing (shown names) */
    size_t entries, zips;
};

/* ---- names ------------------------------------------------------------- */

static int eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int ends_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && eq_nocase(s + n - m, suffix);
}

static int all_digits(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/*
 * Which lab file `base` stands for, or -1: "Gen.c", "gen-2.c", "gen (3).c"
 * all stand for gen.c.  *version gets N, *exact whether it is the name.
 */
static long match_file(const struct files *f, const char *base, int *version, int *exact)
{
    const char *dot = strrchr(base, '.');
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    char *plain;
    int v = 0;

    if (stem > 4 && base[stem - 1] == ')') {
        const char *open = memchr(base, '(', stem);

        while (open && memchr(open + 1, '(', stem - (size_t)(open + 1 - base)))
            open = memchr(open + 1, '(', stem - (size_t)(open + 1 - base));
        if (open && open > base && open[-1] == ' ' &&
            all_digits(open + 1, (size_t)(base + stem - 1 - (open + 1)))) {
            v = atoi(open + 1);
            stem = (size_t)(open - 1 - base);
        }
    }
    if (!v) {
        const char *dash = NULL;

        for (size_t i = stem; i > 0; i--)
            if (base[i - 1] == '-') {
                dash = base + i - 1;
                break;
            }
        if (dash && dash > base && all_digits(dash + 1, (size_t)(base + stem - (dash + 1)))) {
            v = atoi(dash + 1);
            stem = (size_t)(dash - base);
        }
    }
    plain = grade_strf("%.*s%s", (int)stem, base, dot ? dot : "");
    for (size_t i = 0; i < f->name.n; i++) {
        if (eq_nocase(plain, f->name.v[i])) {
            *version = v;
            *exact = strcmp(base, f->name.v[i]) == 0;
            free(plain);
            return (long)i;
        }
    }
    free(plain);
    return -1;
}

/* Canvas: "name_123_456_FILE" or "name_late_123_456_FILE".  Fills the
 * student ("name_123") and the file's own name. */
static int canvas_name(const char *s, char **student, char **file)
{
    const char *p = strchr(s, '_'), *id, *sub, *rest;

    if (!p || p == s)
        return 0;
    id = p + 1;
    if (strncasecmp(id, "late_", 5) == 0)
        id += 5;
    sub = strchr(id, '_');
    if (!sub || !all_digits(id, (size_t)(sub - id)))
        return 0;
    rest = strchr(sub + 1, '_');
    if (!rest || !all_digits(sub + 1, (size_t)(rest - sub - 1)) || !rest[1])
        return 0;
    *student = grade_strf("%.*s_%.*s", (int)(p - s), s, (int)(sub - id), id);
    *file = grade_strdup(rest + 1);
    return 1;
}

/* Moodle: "Full Name_123_assignsubmission_file_" (also _onlinetext_). */
static char *moodle_name(const char *s)
{
    const char *m = strstr(s, "_assignsubmission_");

    if (!m || m == s)
        return NULL;
    return grade_strf("%.*s", (int)(m - s), s);
}

/* A name safe as a folder and a file name: no '/', not starting with '.'. */
static char *safe_name(const char *s)
{
    char *out = grade_strdup(*s ? s : "student");

    for (char *p = out; *p; p++)
        if (*p == '/' || (unsigned char)*p < 0x20)
            *p = '_';
    if (out[0] == '.')
        out[0] = '_';
    return out;
}

static int is_zip(const char *path)
{
    char magic[4] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f)
        return 0;
    n = fread(magic, 1, 4, f);
    fclose(f);
    return n == 4 && magic[0] == 'P' && magic[1] == 'K' &&
           ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

/* ---- zips -------------------------------------------------------------- */

static const struct grade_limits zip_limits = {
    .cpu_s = 30, .mem_mb = 512, .fsize_kb = MAX_ZIP_FILE_KB, .nofile = 64, .nproc = 64,
};

/* Run unzip (argv) as the sandbox user; its output in *out.  0 if it
 * exited 0 or 1 (warnings), else -1 with why. */
static int run_unzip(const struct grade_ctx *ctx, char **argv, const char *log,
                     struct grade_buf *out, struct grade_buf *why)
{
    struct grade_strv env = { 0 };
    struct grade_spawn sp = { .argv = argv, .out = log, .lim = &zip_limits, .drop = ctx->drop,
                              .uid = ctx->uid, .gid = ctx->gid };
    struct grade_proc p;
    struct grade_buf err;
    int r = -1;

    grade_buf_init(&err);
    grade_proc_env(&env, NULL, NULL);
    sp.env = env.v;
    if (grade_proc_run(&sp, 60, &p, &err) != 0) {
        grade_buf_addf(why, "cannot run unzip (%s)", grade_buf_str(&err));
    } else {
        grade_fs_read(log, 1 << 20, out, NULL);
        if (WIFEXITED(p.status) && WEXITSTATUS(p.status) == 127) {
            grade_buf_adds(why, "unzip is not installed (apt-get install unzip)");
        } else if (WIFEXITED(p.status) && WEXITSTATUS(p.status) <= 1) {
            r = 0;
        } else {
            struct grade_buf d;

            grade_buf_init(&d);
            grade_proc_describe(&p, 60, &d);
            const char *text = grade_buf_str(out), *last = text;

            for (const char *q = text; *q; q++)
                if (q[0] == '\n' && q[1])
                    last = q + 1;
            grade_buf_addf(why, "unzip failed: %s%s%.*s", grade_buf_str(&d), *last ? ": " : "",
                           (int)strcspn(last, "\n"), last);
            if (WIFSIGNALED(p.status) && WTERMSIG(p.status) == SIGXFSZ)
                grade_buf_addf(why, " (a file is over %ld MiB unpacked)", MAX_ZIP_FILE_KB >> 10);
            grade_buf_destroy(&d);
        }
    }
    unlink(log);
    grade_strv_free(&env);
    grade_buf_destroy(&err);
    return r;
}

/* Refuse what a listing line ("perms ver os size tx meth date time NAME")
 * shows that must not be unpacked.  Adds to *bytes.  0, or -1 with why. */
static int check_entry(char *line, long *bytes, struct grade_buf *why)
{
    char *field[8], *p = line, *name;
    int n = 0;

    while (n < 8) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        field[n++] = p;
        p += strcspn(p, " ");
        if (*p)
            *p++ = '\0';
    }
    if (n < 8 || !isdigit((unsigned char)field[1][0]) || !strchr(field[1], '.') ||
        !all_digits(field[3], strlen(field[3])))
        return 1;                     /* not an entry line */
    name = p;
    if (!*name)
        return 1;
    if (field[0][0] == 'l') {
        grade_buf_addf(why, "it holds a symbolic link (%s)", name);
        return -1;
    }
    if (name[0] == '/' || name[0] == '\\' || (isalpha((unsigned char)name[0]) && name[1] == ':')) {
        grade_buf_addf(why, "it holds an absolute path (%s)", name);
        return -1;
    }
    for (const char *q = name; *q;) {
        size_t len = strcspn(q, "/\\");

        if (len == 2 && q[0] == '.' && q[1] == '.') {
            grade_buf_addf(why, "it holds a path with \"..\" (%s)", name);
            return -1;
        }
        q += len + (q[len] ? 1 : 0);
    }
    *bytes += atol(field[3]);
    return 0;
}

/*
 * Open `zip` into the new folder `dest`, safely (see grade_intake.h).
 * 0, or -1 with why (a sentence without the archive's name).
 */
static int unzip_safe(const struct grade_ctx *ctx, const char *zip, const char *dest,
                      struct grade_buf *why)
{
    char *copy = grade_strf("%s.zip", dest), *log = grade_strf("%s.log", dest);
    char *list_argv[] = { "unzip", "-Z", "-s", "--", copy, NULL };
    char *x_argv[] = { "unzip", "-qq", "-n", copy, "-d", (char *)dest, NULL };
    struct grade_buf text;
    char *save = NULL;
    long bytes = 0, entries = 0;
    int r = -1, c;

    grade_buf_init(&text);
    c = grade_fs_copy(zip, copy, 0644, MAX_ZIP_BYTES);
    if (c != 0) {
        grade_buf_adds(why, c == -EFBIG ? "it is larger than 64 MiB" : strerror(-c));
        goto out;
    }
    if (grade_fs_mkdirs(dest, 0755) != 0 ||
        (ctx->drop && grade_fs_chown_tree(dest, ctx->uid, ctx->gid) != 0)) {
        grade_buf_adds(why, "cannot create a folder to open it in");
        goto out;
    }
    if (run_unzip(ctx, list_argv, log, &text, why) != 0)
        goto out;
    for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        int e = check_entry(line, &bytes, why);

        if (e < 0)
            goto out;
        entries += e == 0;
    }
    if (entries > MAX_ZIP_ENTRIES) {
        grade_buf_addf(why, "it holds %ld entries (at most %d are opened)", entries,
                       MAX_ZIP_ENTRIES);
        goto out;
    }
    if (bytes > MAX_ZIP_UNPACKED) {
        grade_buf_addf(why, "it unpacks to %ld MiB (at most %ld are opened)", bytes >> 20,
                       MAX_ZIP_UNPACKED >> 20);
        goto out;
    }
    grade_buf_reset(&text);
    r = run_unzip(ctx, x_argv, log, &text, why);
out:
    unlink(copy);
    free(copy);
    free(log);
    grade_buf_destroy(&text);
    return r;
}

/* ---- a student's material ---------------------------------------------- */

static void add_cand(struct walk *w, long i, const char *path, const char *shown, int version,
                     int exact, int hidden)
{
    struct cand *c;
    const char *slash = strrchr(shown, '/');

    w->cands[i] = grade_realloc(w->cands[i], w->ncands[i] + 1, sizeof *w->cands[i]);
    c = &w->cands[i][w->ncands[i]++];
    c->path = grade_strdup(path);
    c->shown = grade_strdup(shown);
    c->folder = slash ? grade_strf("%.*s", (int)(slash - shown), shown) : grade_strdup("");
    c->version = version;
    c->exact = exact;
    c->hidden = hidden;
    c->in_lab = 0;
    for (const char *p = c->folder; *p;) {
        size_t len = strcspn(p, "/");

        if (len == strlen(w->files->lab.v[i]) && strncmp(p, w->files->lab.v[i], len) == 0)
            c->in_lab = 1;
        p += len + (p[len] ? 1 : 0);
    }
}

static void walk_path(struct walk *w, const char *path, const char *shown, int depth, int zdepth,
                      int hidden);

/* A zip in the material: open it and walk what it holds, as "NAME.zip/...". */
static void walk_zip(struct walk *w, const char *path, const char *shown, int zdepth, int hidden)
{
    char *dest = grade_strf("%s/zip-%zu", w->scratch, w->zips++);
    struct grade_buf why;

    grade_buf_init(&why);
    if (hidden) {
        grade_strv_addf(&w->who->notes, "\tignored %s: inside a hidden folder", shown);
    } else if (zdepth >= MAX_ZIP_DEPTH) {
        grade_strv_addf(&w->who->notes, "\tdid not open %s: archives are opened %d deep at most",
                        shown, MAX_ZIP_DEPTH);
    } else if (unzip_safe(w->ctx, path, dest, &why) != 0) {
        grade_strv_addf(&w->who->notes, "\tcould not open the archive %s: %s", shown,
                        grade_buf_str(&why));
    } else {
        walk_path(w, dest, shown, 0, zdepth + 1, 0);
    }
    grade_buf_destroy(&why);
    free(dest);
}

/*
 * Walk `path` (shown as `shown`, "" for a root): every regular file is a
 * candidate for a lab file or one of the others; zips are opened.
 */
static void walk_path(struct walk *w, const char *path, const char *shown, int depth, int zdepth,
                      int hidden)
{
    struct stat st;
    const char *base = strrchr(shown, '/') ? strrchr(shown, '/') + 1 : shown;

    if (++w->entries > MAX_WALK_ENTRIES) {
        if (w->entries == MAX_WALK_ENTRIES + 1)
            grade_strv_addf(&w->who->notes, "\tonly the first %d entries of the submission "
                            "were read", MAX_WALK_ENTRIES);
        return;
    }
    if (lstat(path, &st) != 0)
        return;
    if (S_ISLNK(st.st_mode)) {
        grade_strv_addf(&w->who->notes, "\tignored %s: a symbolic link", shown);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        struct grade_strv names = { 0 };

        if (strcmp(base, "__MACOSX") == 0 || strcmp(base, ".git") == 0)
            return;                 /* a Mac's zip metadata, a clone's history: never code */
        if (depth >= MAX_DIR_DEPTH) {
            grade_strv_addf(&w->who->notes, "\tdid not look inside %s: folders are read %d "
                            "deep at most", shown, MAX_DIR_DEPTH);
            return;
        }
        grade_fs_list(path, &names);
        for (size_t i = 0; i < names.n; i++) {
            char *sub = grade_path(path, names.v[i]);
            char *subshown = *shown ? grade_strf("%s/%s", shown, names.v[i])
                                    : grade_strdup(names.v[i]);

            walk_path(w, sub, subshown, depth + 1, zdepth,
                      hidden || (names.v[i][0] == '.' && strcmp(names.v[i], ".") != 0));
            free(sub);
            free(subshown);
        }
        grade_strv_free(&names);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        grade_strv_addf(&w->who->notes, "\tignored %s: not a regular file", shown);
        return;
    }
    {
        int version = 0, exact = 0;
        long i = match_file(w->files, base, &version, &exact);

        if (i >= 0) {
            add_cand(w, i, path, shown, version, exact, hidden || base[0] == '.');
        } else if (ends_nocase(base, ".zip") && is_zip(path)) {
            walk_zip(w, path, shown, zdepth, hidden);
        } else if (ends_nocase(base, ".zip") && !hidden) {
            grade_strv_addf(&w->who->notes, "\tcould not open the archive %s: not a zip file",
                            shown);
        } else if (!hidden && base[0] != '.') {
            grade_strv_add(&w->others, shown);
        }
    }
}

static int same_content(const char *a, const char *b)
{
    struct grade_buf x, y;
    int same;

    grade_buf_init(&x);
    grade_buf_init(&y);
    same = grade_fs_read(a, MAX_FILE + 1, &x, NULL) == 0 &&
           grade_fs_read(b, MAX_FILE + 1, &y, NULL) == 0 && x.len == y.len &&
           (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
    grade_buf_destroy(&x);
    grade_buf_destroy(&y);
    return same;
}

/* The best candidate of one folder: highest version, then exact case.
 * -1 (and a note) when two are equally good. */
static long best_in_folder(const struct cand *c, size_t n, const char *folder, long *tie)
{
    long best = -1;

    *tie = -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].hidden || strcmp(c[i].folder, folder) != 0)
            continue;
        if (best < 0 || c[i].version > c[best].version ||
            (c[i].version == c[best].version && c[i].exact > c[best].exact)) {
            best = (long)i;
            *tie = -1;
        } else if (c[i].version == c[best].version && c[i].exact == c[best].exact &&
                   !same_content(c[i].path, c[best].path)) {
            *tie = (long)i;
        }
    }
    return best;
}

static void list_shown(const struct cand *c, size_t n, struct grade_buf *out)
{
    for (size_t i = 0, k = 0; i < n; i++) {
        if (c[i].hidden)
            continue;
        grade_buf_addf(out, "%s%s", k++ ? ", " : "", c[i].shown);
    }
}

/* Choose the file for lab file i and copy it into dir; note why. */
static void choose(struct walk *w, size_t i, const char *dir)
{
    const char *want = w->files->name.v[i], *lab = w->files->lab.v[i];
    struct cand *c = w->cands[i];
    size_t n = w->ncands[i], visible = 0;
    long pick = -1;
    const char *how = "";
    struct grade_strv folders = { 0 };
    struct grade_buf all;

    grade_buf_init(&all);
    for (size_t k = 0; k < n; k++) {
        if (c[k].hidden)
            grade_strv_addf(&w->who->notes, "%s\tignored %s: inside a hidden folder (or a "
                            "hidden file), never graded", lab, c[k].shown);
        else {
            visible++;
            grade_strv_add_once(&folders, c[k].folder);
        }
    }
    if (!visible)
        goto done;
    list_shown(c, n, &all);
    /* one winner per folder */
    {
        long *best = grade_calloc(folders.n, sizeof *best);
        size_t nin_lab = 0, ambiguous = 0;
        long lab_pick = -1;

        how = "the latest of";

        for (size_t f = 0; f < folders.n; f++) {
            long tie;

            best[f] = best_in_folder(c, n, folders.v[f], &tie);
            if (tie >= 0) {
                grade_strv_addf(&w->who->notes, "%s\tambiguous: %s and %s are different "
                                "candidates for %s; neither is graded (keep one)", lab,
                                c[best[f]].shown, c[tie].shown, want);
                ambiguous = 1;
            }
            if (c[best[f]].in_lab) {
                nin_lab++;
                lab_pick = best[f];
            }
        }
        if (!ambiguous) {
            if (folders.n == 1) {
                pick = best[0];
            } else if (nin_lab == 1) {
                pick = lab_pick;
                how = "the one in a folder named after the lab; also found";
            } else {
                int same = 1;

                for (size_t f = 1; f < folders.n; f++)
                    same &= same_content(c[best[0]].path, c[best[f]].path);
                if (same) {
                    pick = best[0];
                    for (size_t f = 1; f < folders.n; f++)
                        if (strlen(c[best[f]].folder) < strlen(c[pick].folder))
                            pick = best[f];
                    how = "identical copies";
                } else {
                    struct grade_buf list;

                    grade_buf_init(&list);
                    for (size_t f = 0; f < folders.n; f++)
                        grade_buf_addf(&list, "%s%s", f ? ", " : "", c[best[f]].shown);
                    grade_strv_addf(&w->who->notes, "%s\tambiguous: %zu different candidates "
                                    "for %s (%s); none is graded (keep one)", lab, folders.n,
                                    want, grade_buf_str(&list));
                    grade_buf_destroy(&list);
                }
            }
        }
        free(best);
    }
    if (pick >= 0) {
        char *to = grade_path(dir, want);
        int r = grade_fs_copy(c[pick].path, to, 0644, MAX_FILE);

        if (r == -EFBIG)
            grade_strv_addf(&w->who->notes, "%s\trefused %s: larger than %d KiB", lab,
                            c[pick].shown, MAX_FILE >> 10);
        else if (r != 0)
            grade_strv_addf(&w->who->notes, "%s\tcould not copy %s: %s", lab, c[pick].shown,
                            strerror(-r));
        else if (visible > 1)
            grade_strv_addf(&w->who->notes, "%s\tgraded %s as %s (%s: %s)", lab,
                            c[pick].shown, want, how, grade_buf_str(&all));
        else if (strcmp(c[pick].shown, want) != 0)
            grade_strv_addf(&w->who->notes, "%s\tgraded %s as %s", lab, c[pick].shown, want);
        free(to);
    }
done:
    grade_strv_free(&folders);
    grade_buf_destroy(&all);
}

/* Stage one student: walk its sources, choose, copy, write its notes. */
static void stage_student(const struct grade_ctx *ctx, const struct files *files, struct who *who,
                          const char *stage, const char *scratch, struct grade_intake_student *out)
{
    struct walk w = { .ctx = ctx, .files = files, .who = who, .scratch = scratch };
    size_t staged = 0, found = 0;
    struct grade_buf notes;
    char *dir = grade_path(stage, who->name), *path;

    w.cands = grade_calloc(files->name.n, sizeof *w.cands);
    w.ncands = grade_calloc(files->name.n, sizeof *w.ncands);
    grade_fs_mkdirs(scratch, 0711);
    grade_fs_rmtree(dir);
    grade_fs_mkdirs(dir, 0755);
    for (size_t s = 0; s < who->sources.n; s++)
        walk_path(&w, who->sources.v[s], who->shown_as.v[s], 0, 0, 0);
    for (size_t i = 0; i < files->name.n; i++) {
        char *got = grade_path(dir, files->name.v[i]);

        choose(&w, i, dir);
        staged += grade_fs_is_file(got);
        found += w.ncands[i];
        free(got);
    }
    /* some lab files found, not this one: said, never a silent skeleton */
    for (size_t i = 0; (staged || found) && i < files->name.n; i++)
        if (!w.ncands[i])
            grade_strv_addf(&who->notes, "%s\tnothing found for %s: no file named like it "
                            "(its skeleton is graded in its place)", files->lab.v[i],
                            files->name.v[i]);
    if (!staged && !found && !who->notes.n) {
        struct grade_buf held, names;

        grade_buf_init(&held);
        grade_buf_init(&names);
        for (size_t i = 0; i < files->name.n; i++)
            grade_buf_addf(&names, "%s%s", i ? ", " : "", files->name.v[i]);
        for (size_t i = 0; i < w.others.n && i < 10; i++)
            grade_buf_addf(&held, "%s%s", i ? ", " : "", w.others.v[i]);
        if (w.others.n > 10)
            grade_buf_addf(&held, " and %zu more", w.others.n - 10);
        grade_strv_addf(&who->notes, "\tnothing to grade: no file named like %s was found%s%s",
                        grade_buf_str(&names), w.others.n ? "; the submission holds: " : " (the "
                        "submission is empty)", grade_buf_str(&held));
        grade_buf_destroy(&held);
        grade_buf_destroy(&names);
    }
    grade_buf_init(&notes);
    for (size_t i = 0; i < who->notes.n; i++)
        grade_buf_addf(&notes, "%s\n", who->notes.v[i]);
    path = grade_path(dir, GRADE_INTAKE_NOTES);
    if (notes.len)
        grade_fs_write(path, notes.data, notes.len, 0644);
    free(path);
    grade_buf_destroy(&notes);
    out->name = grade_strdup(who->name);
    out->dir = dir;
    out->notes = who->notes;
    who->notes = (struct grade_strv){ 0 };
    for (size_t i = 0; i < files->name.n; i++) {
        for (size_t k = 0; k < w.ncands[i]; k++) {
            free(w.cands[i][k].path);
            free(w.cands[i][k].shown);
            free(w.cands[i][k].folder);
        }
        free(w.cands[i]);
    }
    free(w.cands);
    free(w.ncands);
    grade_strv_free(&w.others);
}

/* ---- the export's top level -------------------------------------------- */

static struct who *find_who(struct who **v, size_t *n, const char *name)
{
    char *safe = safe_name(name);

    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*v)[i].name, safe) == 0) {
            free(safe);
            return &(*v)[i];
        }
    }
    *v = grade_realloc(*v, *n + 1, sizeof **v);
    (*v)[*n] = (struct who){ .name = safe };
    return &(*v)[(*n)++];
}

static int by_who(const void *a, const void *b)
{
    return strcmp(((const struct who *)a)->name, ((const struct who *)b)->name);
}

/* Map the top level of `root` to students; notes about the rest. */
static void read_top(const char *root, struct who **v, size_t *n, struct grade_strv *notes)
{
    struct grade_strv names = { 0 };

    grade_fs_list(root, &names);
    for (size_t i = 0; i < names.n; i++) {
        const char *e = names.v[i];
        char *path = grade_path(root, e), *student = NULL, *file = NULL, *moodle;
        struct stat st;

        if (lstat(path, &st) != 0) {
            free(path);
            continue;
        }
        if (strcmp(e, "__MACOSX") == 0) {
            grade_strv_add(notes, "skipped __MACOSX/: a Mac's archive metadata, never code");
        } else if (e[0] == '.') {
            grade_strv_addf(notes, "skipped %s%s: hidden, so not a student's submission", e,
                            S_ISDIR(st.st_mode) ? "/" : "");
        } else if (S_ISLNK(st.st_mode)) {
            grade_strv_addf(notes, "skipped %s: a symbolic link", e);
        } else if (S_ISDIR(st.st_mode)) {
            struct who *w;

            moodle = moodle_name(e);
            w = find_who(v, n, moodle ? moodle : e);
            grade_strv_add(&w->sources, path);
            grade_strv_add(&w->shown_as, "");
            free(moodle);
        } else if (!S_ISREG(st.st_mode)) {
            grade_strv_addf(notes, "skipped %s: not a regular file", e);
        } else if (canvas_name(e, &student, &file)) {
            struct who *w = find_who(v, n, student);

            grade_strv_add(&w->sources, path);
            grade_strv_add(&w->shown_as, file);
        } else if (ends_nocase(e, ".zip")) {
            char *name = grade_strf("%.*s", (int)(strlen(e) - 4), e);
            struct who *w = find_who(v, n, name);

            grade_strv_add(&w->sources, path);
            grade_strv_add(&w->shown_as, e);
            free(name);
        } else if (strcmp(e, "submission_metadata.yml") == 0) {
            grade_strv_add(notes, "skipped submission_metadata.yml: Gradescope's list of who "
                           "made each submission_N folder (students are named by those "
                           "folders)");
        } else {
            grade_strv_addf(notes, "skipped the loose file %s: it is no student's (give each "
                            "student a folder or a zip, or keep the platform's file names)", e);
        }
        free(student);
        free(file);
        free(path);
    }
    grade_strv_free(&names);
    if (*n)
        qsort(*v, *n, sizeof **v, by_who);
}

int grade_intake_run(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                     const char *src, const char *stage, struct grade_intake *in,
                     struct grade_buf *err)
{
    struct files files = { 0 };
    struct who *who = NULL;
    size_t n = 0;
    char *root = grade_strdup(src), *scratch = grade_path(ctx->work, "intake");

    memset(in, 0, sizeof *in);
    for (size_t k = 0; k < nkits; k++) {
        for (size_t i = 0; i < kits[k].lab.student.n; i++) {
            grade_strv_add(&files.name, kits[k].lab.student.v[i]);
            grade_strv_add(&files.lab, kits[k].lab.name);
        }
    }
    grade_fs_rmtree(scratch);
    grade_fs_mkdirs(scratch, 0711);
    if (grade_fs_mkdirs(stage, 0755) != 0) {
        grade_buf_addf(err, "cannot create %s", stage);
        goto fail;
    }
    if (grade_fs_is_file(src)) {
        char *dest = grade_path(scratch, "export");
        struct grade_buf why;
        struct grade_strv top = { 0 };

        grade_buf_init(&why);
        if (!is_zip(src) || unzip_safe(ctx, src, dest, &why) != 0) {
            grade_buf_addf(err, "cannot open the export %s: %s", src,
                           why.len ? grade_buf_str(&why) : "neither a folder nor a zip");
            grade_buf_destroy(&why);
            free(dest);
            goto fail;
        }
        grade_buf_destroy(&why);
        free(root);
        root = dest;
        /* an export's wrapper folder: enter it */
        grade_fs_list(root, &top);
        {
            size_t dirs = 0, other = 0, at = 0;

            for (size_t i = 0; i < top.n; i++) {
                char *p = grade_path(root, top.v[i]);
                struct stat st;

                if (strcmp(top.v[i], "__MACOSX") == 0) {
                } else if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                    dirs++;
                    at = i;
                } else {
                    other++;
                }
                free(p);
            }
            if (dirs == 1 && !other && match_file(&files, top.v[at], &(int){ 0 },
                                                  &(int){ 0 }) < 0) {
                char *inner = grade_path(root, top.v[at]);

                grade_strv_addf(&in->notes, "the archive holds one folder, %s/: read as the "
                                "export", top.v[at]);
                free(root);
                root = inner;
            }
        }
        grade_strv_free(&top);
    } else if (!grade_fs_is_dir(src)) {
        grade_buf_addf(err, "no export at %s (a folder or a zip)", src);
        goto fail;
    }
    read_top(root, &who, &n, &in->notes);
    in->v = grade_calloc(n ? n : 1, sizeof *in->v);
    for (size_t i = 0; i < n; i++) {
        char *scr = grade_strf("%s/s%zu", scratch, i);

        stage_student(ctx, &files, &who[i], stage, scr, &in->v[in->n++]);
        free(scr);
        grade_strv_free(&who[i].sources);
        grade_strv_free(&who[i].shown_as);
        grade_strv_free(&who[i].notes);
        free(who[i].name);
    }
    free(who);
    grade_strv_free(&files.name);
    grade_strv_free(&files.lab);
    if (!ctx->keep_work)
        grade_fs_rmtree(scratch);
    free(scratch);
    free(root);
    return 0;
fail:
    grade_strv_free(&files.name);
    grade_strv_free(&files.lab);
    free(scratch);
    free(root);
    return -1;
}

void grade_intake_free(struct grade_intake *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].name);
        free(in->v[i].dir);
        grade_strv_free(&in->v[i].notes);
    }
    free(in->v);
    grade_strv_free(&in->notes);
    memset(in, 0, sizeof *in);
}

void grade_intake_apply(const char *dir, struct grade_labres *res, size_t n)
{
    char *path = grade_path(dir, GRADE_INTAKE_NOTES), *save = NULL;
    struct grade_buf text;
    struct stat st;

    grade_buf_init(&text);
    if (!n || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        grade_fs_read(path, 64 << 10, &text, NULL) != 0) {
        free(path);
        grade_buf_destroy(&text);
        return;
    }
    for (char *line = strtok_r(text.data ? text.data : (char[]){ 0 }, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), *tag;
        size_t to = 0;

        if (!tab)
            continue;
        *tab = '\0';
        for (size_t i = 0; i < n; i++)
            if (strcmp(res[i].lab, line) == 0)
                to = i;
        tag = grade_strf("intake: %s", tab + 1);
        grade_labres_problem(&res[to], tag, NULL);
        free(tag);
    }
    free(path);
    grade_buf_destroy(&text);
}
