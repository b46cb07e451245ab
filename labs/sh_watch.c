/*
 * sh_watch.c - `watch [LAB]`: check again every time a file is saved.
 *
 * Change events come from inotify; in case they never arrive (network
 * file systems, WSL's /mnt/c), the files' stat() is compared every
 * second as well, so both ways are always on and whichever sees the save
 * first wins.  Editors save in several steps (write a temporary file,
 * rename it), so a change is acted on once things are quiet for 150 ms.
 * watch never moves to another lab by itself.
 */
#include "sh.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct watched {
    char path[PATH_MAX];
    const char *base;      /* points into path */
    struct stat st;
    bool exists;
};

static void snap(struct watched *w)
{
    w->exists = stat(w->path, &w->st) == 0;
}

static bool changed(const struct watched *w)
{
    struct stat st;
    bool exists = stat(w->path, &st) == 0;
    if (exists != w->exists)
        return true;
    if (!exists)
        return false;
    return st.st_mtim.tv_sec != w->st.st_mtim.tv_sec ||
           st.st_mtim.tv_nsec != w->st.st_mtim.tv_nsec || st.st_size != w->st.st_size ||
           st.st_ino != w->st.st_ino;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Wait until one of the files changes.  Returns its index, or -1 on Ctrl-C. */
static int wait_change(struct sh *sh, struct watched *w, int n, bool poll_only)
{
    int fd = -1;

    /* w[] was snapped before the check ran: a save during the check
     * counts as a change */
    if (!poll_only) {
        fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        for (int i = 0; fd >= 0 && i < n; i++) {
            char dir[PATH_MAX];
            snprintf(dir, sizeof dir, "%.*s", (int)(w[i].base - w[i].path - 1), w[i].path);
            inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                           IN_ATTRIB | IN_MODIFY);
        }
    }
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int r = poll(&p, fd >= 0 ? 1 : 0, 1000);
        if (sh->interrupted) {
            if (fd >= 0)
                close(fd);
            return -1;
        }
        if (r < 0 && errno != EINTR)
            sleep_ms(1000);
        if (r > 0 && fd >= 0) {
            char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
            while (read(fd, buf, sizeof buf) > 0)
                ;      /* which file: stat() below says */
        }
        for (int i = 0; i < n; i++) {
            if (changed(&w[i])) {
                /* let the editor finish saving */
                do {
                    snap(&w[i]);
                    sleep_ms(150);
                } while (changed(&w[i]) && !sh->interrupted);
                if (fd >= 0)
                    close(fd);
                return sh->interrupted ? -1 : i;
            }
        }
    }
}

int sh_cmd_watch(struct sh *sh, int argc, char **argv)
{
    bool isolated = true, poll_only = false;
    const char *labname = NULL;
    struct sh_lab *lab, *chain[32];
    struct watched w[64];
    int n = 0, nchain;
    char sl[16];

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--mine") || sh_opt(argv[i], "-m"))
            isolated = false;
        else if (sh_opt(argv[i], "--isolated") || sh_opt(argv[i], "-i"))
            isolated = true;
        else if (sh_opt(argv[i], "--poll"))
            poll_only = true;
        else if (argv[i][0] == '-' || labname)
            return sh_usage("watch", argv[i]);
        else
            labname = argv[i];
    }
    lab = labname ? sh_lab_find(sh, labname, true) : sh_lab_default(sh);
    if (!lab || !sh_lab_handed_out(lab))
        return 2;
    if (lab->student.n == 0) {
        sh_error("%s lists no student file in its lab.mk: nothing to watch.", lab->name);
        return 2;
    }
    nchain = isolated ? 1 : sh_lab_chain(sh, lab, chain, 32);
    if (isolated)
        chain[0] = lab;
    /* this lab's files first: they are the ones being worked on */
    for (int c = nchain - 1; c >= 0; c--)
        for (int k = 0; k < chain[c]->student.n && n < 64; k++) {
            sh_lab_path(sh, chain[c], chain[c]->student.v[k], w[n].path, sizeof w[n].path);
            w[n].base = strrchr(w[n].path, '/') + 1;
            n++;
        }
    sh_lab_short(lab, sl, sizeof sl);
    printf("%sWatching %s%s: every time you save ", sh_c(SH_BOLD), lab->name, sh_c(SH_OFF));
    for (int i = 0; i < n; i++)
        printf("%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", w[i].base);
    printf(", it checks again.  Ctrl-C stops.\n");
    fflush(stdout);

    for (int round = 0;; round++) {
        struct sh_result r;
        int status;
        bool all;

        for (int i = 0; i < n; i++)
            snap(&w[i]);
        if (sh_check_lab(sh, lab, isolated, &r) == 0) {
            sh_check_remember(sh, lab, isolated, &r);
            sh_check_show(sh, lab, &r, false, NULL);
            all = r.passed == r.ntests && !r.crashed && r.not_run == 0;
            if (all) {
                struct sh_lab *next = lab + 1 < sh->labs + sh->nlabs ? lab + 1 : NULL;
                char nl[16];
                if (next)
                    printf("%sStill watching %s: when you want the next lab, Ctrl-C and %s.%s\n",
                           sh_c(SH_DIM), lab->name,
                           sh_cmdref("watch %s", sh_lab_short(next, nl, sizeof nl)), sh_c(SH_OFF));
                else
                    printf("%sStill watching %s (Ctrl-C stops).%s\n", sh_c(SH_DIM), lab->name,
                           sh_c(SH_OFF));
            }
        } else if (r.build_failed) {
            sh_check_remember(sh, lab, isolated, &r);
        }
        sh_result_free(&r);
        if (sh->interrupted)
            break;
        printf("%s%s%s waiting for a save (Ctrl-C stops) %s%s%s%s\n", sh_c(SH_DIM),
               sh_g(SH_G_HLINE), sh_g(SH_G_HLINE), sh_g(SH_G_HLINE), sh_g(SH_G_HLINE),
               sh_g(SH_G_HLINE), sh_c(SH_OFF));
        fflush(stdout);
        status = wait_change(sh, w, n, poll_only);
        if (status < 0)
            break;
        {
            time_t now = time(NULL);
            struct tm tm;
            char when[16];
            localtime_r(&now, &tm);
            strftime(when, sizeof when, "%H:%M:%S", &tm);
            printf("\n%s%s %s changed: checking %s again%s\n", sh_c(SH_BOLD), when,
                   w[status].base, lab->name, sh_c(SH_OFF));
        }
        fflush(stdout);
    }
    printf("\n%sStopped watching %s.%s\n", sh_c(SH_DIM), lab->name, sh_c(SH_OFF));
    return 0;
}
