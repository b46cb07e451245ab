/* sh_run.c - child processes, and the small containers the shell uses. */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- buffers and string lists ----------------------------------------- */

void sh_buf_add(struct sh_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fputs("labs: out of memory\n", stderr);
            exit(3);
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sh_buf_printf(struct sh_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sh_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sh_buf_add(b, big, (size_t)n);
    free(big);
}

const char *sh_buf_str(const struct sh_buf *b)
{
    return b->s ? b->s : "";
}

void sh_buf_free(struct sh_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void sh_strs_add(struct sh_strs *l, const char *s)
{
    char **v = realloc(l->v, sizeof *v * (size_t)(l->n + 2));
    if (!v)
        return;
    l->v = v;
    l->v[l->n] = strdup(s);
    if (l->v[l->n])
        l->n++;
    l->v[l->n] = NULL;
}

void sh_strs_free(struct sh_strs *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

int sh_strs_find(const struct sh_strs *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return i;
    return -1;
}

int sh_split(const char *line, struct sh_strs *words)
{
    struct sh_buf w = { 0 };
    const char *p = line;

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        w.len = 0;
        sh_buf_add(&w, "", 0);
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            if (*p == '\'' || *p == '"') {
                /* a quoted part, kept with its quotes and escapes */
                char q = *p;
                const char *start = p++;
                while (*p && *p != q) {
                    if (*p == '\\' && p[1])
                        p++;
                    p++;
                }
                if (!*p) {
                    sh_buf_free(&w);
                    return -1;
                }
                p++;
                sh_buf_add(&w, start, (size_t)(p - start));
            } else {
                sh_buf_add(&w, p, 1);
                p++;
            }
        }
        sh_strs_add(words, sh_buf_str(&w));
    }
    sh_buf_free(&w);
    return words->n;
}

char *sh_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct sh_buf b = { 0 };
    char chunk[8192];
    size_t n;

    if (!f)
        return NULL;
    sh_buf_add(&b, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sh_buf_add(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return b.s;
}

/* ---- Ctrl-C ------------------------------------------------------------ */

static struct sh *sigint_sh;

static void on_sigint(int sig)
{
    (void)sig;
    if (sigint_sh)
        sigint_sh->interrupted = 1;
}

void sh_catch_sigint(struct sh *sh, bool on)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    if (on) {
        sigint_sh = sh;
        sh->interrupted = 0;
        sa.sa_handler = on_sigint;
        sa.sa_flags = 0;          /* no SA_RESTART: poll() must wake up */
    } else if (sh->interactive) {
        return;     /* the shell itself never dies of Ctrl-C */
    } else {
        sa.sa_handler = SIG_DFL;
    }
    sigaction(SIGINT, &sa, NULL);
}

/* ---- running a child --------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int sh_run(struct sh *sh, char *const argv[], const char *cwd,
           char *const env[], int timeout_s, struct sh_buf *out,
           struct sh_proc *proc)
{
    int fds[2], errp[2];
    pid_t pid;
    double deadline = timeout_s > 0 ? now_s() + timeout_s : 0;
    struct sh_proc dummy;

    if (!proc)
        proc = &dummy;
    memset(proc, 0, sizeof *proc);
    proc->status = -1;
    sh_buf_add(out, "", 0);
    if (pipe(fds) < 0)
        return -1;
    /* exec's errno comes back through errp (closed by a successful exec) */
    if (pipe(errp) < 0 || fcntl(errp[1], F_SETFD, FD_CLOEXEC) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        close(errp[0]);
        close(errp[1]);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) {
            dup2(devnull, 0);
            close(devnull);
        }
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        signal(SIGINT, SIG_DFL);
        if (chdir(cwd ? cwd : sh->root) < 0) {
            fprintf(stderr, "cannot enter %s: %s\n", cwd ? cwd : sh->root, strerror(errno));
            _exit(126);
        }
        for (int i = 0; env && env[i]; i++)
            putenv(env[i]);
        execvp(argv[0], argv);
        {
            int e = errno;
            ssize_t w = write(errp[1], &e, sizeof e);
            (void)w;
        }
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    close(errp[1]);
    for (;;) {
        struct pollfd p = { .fd = fds[0], .events = POLLIN };
        int wait_ms = 250;
        char chunk[8192];
        ssize_t n;

        if (sh->interrupted) {
            kill(pid, SIGINT);
            proc->interrupted = true;
        }
        if (deadline && now_s() > deadline) {
            kill(pid, SIGKILL);
            proc->timed_out = true;
        }
        int r = poll(&p, 1, wait_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        /* Output is capped: a test that prints forever must not eat the
         * machine's memory. */
        if (out->len < (16u << 20))
            sh_buf_add(out, chunk, (size_t)n);
    }
    close(fds[0]);
    while (waitpid(pid, &proc->status, 0) < 0 && errno == EINTR)
        ;
    {
        int e = 0;
        if (read(errp[0], &e, sizeof e) == (ssize_t)sizeof e)
            proc->exec_errno = e ? e : ENOEXEC;
        close(errp[0]);
    }
    if (sh->interrupted)
        proc->interrupted = true;
    return WIFEXITED(proc->status) && WEXITSTATUS(proc->status) == 0 ? 0 : -1;
}

const char *sh_proc_describe(const struct sh_proc *p, char *buf, size_t n)
{
    if (p->interrupted)
        snprintf(buf, n, "was interrupted (Ctrl-C)");
    else if (p->timed_out)
        snprintf(buf, n, "was stopped: it ran past its time limit (an endless loop?)");
    else if (p->exec_errno)
        snprintf(buf, n, "could not be started: %s", strerror(p->exec_errno));
    else if (p->status == -1)
        snprintf(buf, n, "could not be started");
    else if (WIFSIGNALED(p->status))
        snprintf(buf, n, "crashed: %s (signal %d)", strsignal(WTERMSIG(p->status)),
                 WTERMSIG(p->status));
    else if (WIFEXITED(p->status))
        snprintf(buf, n, "exited with status %d", WEXITSTATUS(p->status));
    else
        snprintf(buf, n, "ended with wait status %d", p->status);
    return buf;
}

/* ---- make -------------------------------------------------------------- */

static int make_locked(struct sh *sh, const char *target, const char *what);

/* One make at a time per build folder: two shells (a watch and a check)
 * building the same program at once would write the same files. */
int sh_make(struct sh *sh, const char *target, const char *what)
{
    char lock[4400];
    int fd, r;

    if (sh->build[0] == '/')
        snprintf(lock, sizeof lock, "%s/.labs-make.lock", sh->build);
    else
        snprintf(lock, sizeof lock, "%s/%s/.labs-make.lock", sh->root, sh->build);
    {
        char dir[4400];
        snprintf(dir, sizeof dir, "%s", lock);
        *strrchr(dir, '/') = '\0';
        mkdir(dir, 0755);
    }
    fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0)
        while (flock(fd, LOCK_EX) != 0 && errno == EINTR && !sh->interrupted)
            ;
    r = make_locked(sh, target, what);
    if (fd >= 0)
        close(fd);
    return r;
}

static int make_locked(struct sh *sh, const char *target, const char *what)
{
    char build_arg[4200], bin_arg[4200], jobs[16];
    struct sh_buf out = { 0 };
    struct sh_proc proc;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

    snprintf(build_arg, sizeof build_arg, "BUILD=%s", sh->build);
    snprintf(bin_arg, sizeof bin_arg, "BIN=%s", sh->bin);
    snprintf(jobs, sizeof jobs, "-j%ld", ncpu > 1 ? (ncpu > 8 ? 8 : ncpu) : 1);
    {
        char *argv[] = { "make", "-s", "--no-print-directory", jobs, build_arg,
                         bin_arg, (char *)target, NULL };
        if (sh_run(sh, argv, sh->root, NULL, 600, &out, &proc) == 0) {
            sh_buf_free(&out);
            return 0;
        }
    }
    if (proc.interrupted) {
        sh_buf_free(&out);
        return -1;
    }
    if (proc.status == -1 || (WIFEXITED(proc.status) && WEXITSTATUS(proc.status) == 127 &&
                              strstr(sh_buf_str(&out), "cannot run make"))) {
        sh_error("cannot run `make`: is it installed?  (sudo apt-get install make)");
        sh_buf_free(&out);
        return -1;
    }
    /* Run again one job at a time: the errors come out in order. */
    sh_buf_free(&out);
    {
        char *argv[] = { "make", "-s", "--no-print-directory", build_arg, bin_arg,
                         (char *)target, NULL };
        sh_run(sh, argv, sh->root, NULL, 600, &out, &proc);
    }
    if (!proc.interrupted) {
        printf("%s%s does not build.%s\n", sh_c(SH_RED), what, sh_c(SH_OFF));
        sh_explain_build_log(sh, sh_buf_str(&out));
    }
    sh_buf_free(&out);
    return -1;
}
