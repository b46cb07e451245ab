/*
 * sh_reset.c - `reset LAB`: the skeleton back, the student's file kept.
 *
 * Where the skeleton comes from, first found:
 *   1. ROOT/.labs-skeleton/LAB/FILE, a pristine copy a handout may ship;
 *   2. git: the file as in HEAD (on a fresh clone, the skeleton), or with
 *      --original as in the commit that first added it.
 * The student's file is always copied to .labs-backup/LAB/FILE.<time>
 * before it is replaced, and nothing happens without a yes.
 */
#include "sh.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The skeleton of LAB/FILE into *out; *from says where it came from. */
static int skeleton(struct sh *sh, struct sh_lab *lab, const char *file, bool original,
                    struct sh_buf *out, char *from, size_t fn)
{
    char path[PATH_MAX + 256], spec[PATH_MAX];
    size_t len;
    char *text;
    struct sh_proc proc;

    snprintf(path, sizeof path, "%s/.labs-skeleton/%s/%s", sh->root, lab->name, file);
    text = sh_read_file(path, &len);
    if (text) {
        sh_buf_add(out, text, len);
        free(text);
        snprintf(from, fn, ".labs-skeleton/%s/%s", lab->name, file);
        return 0;
    }
    char rev[128] = "HEAD";
    if (original) {
        struct sh_buf log = { 0 };
        char pathspec[PATH_MAX];
        snprintf(pathspec, sizeof pathspec, "%s/%s", lab->name, file);
        char *argv[] = { "git", "log", "--diff-filter=A", "--format=%H", "--", pathspec, NULL };
        if (sh_run(sh, argv, sh->root, NULL, 30, &log, &proc) != 0 || log.len < 40) {
            sh_buf_free(&log);
            return -1;
        }
        /* the oldest commit that added it: the last line */
        const char *s = sh_buf_str(&log);
        const char *last = s;
        for (const char *p = s; *p; p++)
            if (*p == '\n' && p[1])
                last = p + 1;
        snprintf(rev, sizeof rev, "%.40s", last);
        sh_buf_free(&log);
    }
    snprintf(spec, sizeof spec, "%s:./%s/%s", rev, lab->name, file);
    {
        char *argv[] = { "git", "show", spec, NULL };
        char *env[] = { "GIT_PAGER=cat", NULL };
        if (sh_run(sh, argv, sh->root, env, 30, out, &proc) != 0)
            return -1;
    }
    if (original)
        snprintf(from, fn, "git (commit %.12s)", rev);
    else
        snprintf(from, fn, "git (HEAD)");
    return 0;
}

static int mkdirs(const char *path)
{
    char buf[PATH_MAX];
    if (strlen(path) >= sizeof buf)
        return -1;
    memcpy(buf, path, strlen(path) + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(buf, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

static int write_file(const char *path, const char *data, size_t n)
{
    char tmp[PATH_MAX + 32];
    FILE *f;

    snprintf(tmp, sizeof tmp, "%s.labs-tmp", path);
    f = fopen(tmp, "wb");
    if (!f)
        return -1;
    if (fwrite(data, 1, n, f) != n) {
        fclose(f);
        unlink(tmp);
        return -1;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int sh_cmd_reset(struct sh *sh, int argc, char **argv)
{
    const char *labname = NULL;
    bool original = false;
    struct sh_lab *lab;
    int done = 0, status = 0;

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--yes") || sh_opt(argv[i], "-y"))
            sh->assume_yes = true;
        else if (sh_opt(argv[i], "--original"))
            original = true;
        else if (argv[i][0] == '-' || labname)
            return sh_usage("reset", argv[i]);
        else
            labname = argv[i];
    }
    if (!labname) {
        sh_error("reset needs the lab's name, so that nothing is replaced by accident: "
                 "`reset LAB`.");
        return 2;
    }
    lab = sh_lab_find(sh, labname, true);
    if (!lab || !sh_lab_handed_out(lab))
        return 2;
    if (lab->student.n == 0) {
        sh_error("%s lists no student file in its lab.mk: nothing to reset.", lab->name);
        return 2;
    }
    for (int k = 0; k < lab->student.n; k++) {
        const char *file = lab->student.v[k];
        struct sh_buf skel = { 0 };
        char from[256], path[PATH_MAX + 256], question[1024];
        size_t len = 0;
        char *mine;

        if (skeleton(sh, lab, file, original, &skel, from, sizeof from) != 0) {
            sh_error("cannot find the skeleton of %s/%s: it is not in git here%s, and there is "
                     "no .labs-skeleton/%s/%s.", lab->name, file,
                     original ? " (no commit added it)" : " (no commit has it)", lab->name, file);
            sh_buf_free(&skel);
            status = 1;
            continue;
        }
        sh_lab_path(sh, lab, file, path, sizeof path);
        mine = sh_read_file(path, &len);
        if (mine && len == skel.len && memcmp(mine, skel.s, len) == 0) {
            printf("%s/%s is already the skeleton: nothing to do.\n", lab->name, file);
            free(mine);
            sh_buf_free(&skel);
            continue;
        }
        char backup[PATH_MAX + 300] = "";
        if (mine) {
            time_t now = time(NULL);
            struct tm tm;
            char stamp[32], dir[PATH_MAX + 64];
            localtime_r(&now, &tm);
            strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
            snprintf(dir, sizeof dir, "%s/.labs-backup/%s", sh->root, lab->name);
            snprintf(backup, sizeof backup, "%s/%s.%s", dir, file, stamp);
            /* two resets in the same second keep both backups */
            for (int n = 2; access(backup, F_OK) == 0 && n < 100; n++)
                snprintf(backup, sizeof backup, "%s/%s.%s-%d", dir, file, stamp, n);
            snprintf(question, sizeof question,
                     "Replace %s/%s with the skeleton from %s?  Yours is saved first to "
                     ".labs-backup/%s/%s.",
                     lab->name, file, from, lab->name, strrchr(backup, '/') + 1);
        } else {
            snprintf(question, sizeof question, "%s/%s is missing.  Restore the skeleton from %s?",
                     lab->name, file, from);
        }
        if (!sh_confirm(sh, question)) {
            printf("Nothing changed.\n");
            free(mine);
            sh_buf_free(&skel);
            status = 1;
            continue;
        }
        if (mine) {
            char dir[PATH_MAX + 64];
            snprintf(dir, sizeof dir, "%s/.labs-backup/%s", sh->root, lab->name);
            if (mkdirs(dir) != 0 || write_file(backup, mine, len) != 0) {
                sh_error("cannot write the backup %s (%s): nothing changed.", backup,
                         strerror(errno));
                free(mine);
                sh_buf_free(&skel);
                status = 1;
                continue;
            }
        }
        if (write_file(path, skel.s ? skel.s : "", skel.len) != 0) {
            sh_error("cannot write %s: %s.", path, strerror(errno));
            status = 1;
        } else {
            printf("%s%s%s %s/%s is the skeleton again%s%s%s.\n", sh_c(SH_GREEN),
                   sh_g(SH_G_PASS), sh_c(SH_OFF), lab->name, file,
                   mine ? "; your version is in " : "",
                   mine ? backup + strlen(sh->root) + 1 : "", "");
            done++;
        }
        free(mine);
        sh_buf_free(&skel);
    }
    return status;
}
