/* grade_proc.c - sandboxed processes and their sessions (see grade_proc.h). */
#define _GNU_SOURCE           /* execvpe */
#include "grade_proc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Sessions started and not yet cleaned up, for grade_proc_kill_all().
 * Written only outside signal handlers; read inside them. */
#define MAX_LIVE 256
static volatile pid_t live[MAX_LIVE];
/* The grader process that forks (its children check it is still there). */
static pid_t spawner;

static void live_add(pid_t pid)
{
    for (int i = 0; i < MAX_LIVE; i++) {
        if (live[i] == 0) {
            live[i] = pid;
            return;
        }
    }
}

static void live_remove(pid_t pid)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] == pid)
            live[i] = 0;
}

double grade_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void grade_proc_env(struct grade_strv *env, const char *tmpdir, const char *const *extra)
{
    grade_strv_add(env, "PATH=/usr/local/bin:/usr/bin:/bin");
    grade_strv_add(env, "LC_ALL=C");
    grade_strv_add(env, "LANG=C");
    grade_strv_addf(env, "TMPDIR=%s", tmpdir ? tmpdir : "/tmp");
    for (size_t i = 0; extra && extra[i]; i++)
        grade_strv_add(env, extra[i]);
}

static void set_limit(int res, rlim_t value)
{
    struct rlimit rl = { value, value };

    setrlimit(res, &rl);
}

/* The child, between fork and exec.  Only async-signal-safe calls: the
 * grader may have threads in some libc (it has none of its own). */
static void child(const struct grade_spawn *sp, int out_fd)
{
    const struct grade_limits *lim = sp->lim;
    int null_fd = open("/dev/null", O_RDONLY);
    const char *why = "cannot set up the process";

    if (setsid() < 0 || null_fd < 0)
        goto fail;
    if (dup2(null_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
        dup2(out_fd, STDERR_FILENO) < 0)
        goto fail;
    /* The descriptors handed on: first out of the way (above 64), then
     * into place, without close-on-exec. */
    {
        int tmp[8];

        for (int i = 0; i < sp->npass && i < 8; i++)
            if ((tmp[i] = fcntl(sp->pass[i], F_DUPFD, 64)) < 0)
                goto fail;
        for (int i = 0; i < sp->npass && i < 8; i++)
            if (dup2(tmp[i], 3 + i) < 0)
                goto fail;
    }
    /* No other descriptor of the grader leaks into the submission's process. */
    {
        unsigned first = 3U + (unsigned)(sp->npass < 8 ? sp->npass : 8);

        if (syscall(SYS_close_range, first, ~0U, 0U) != 0)
            for (int fd = (int)first; fd < 1024; fd++)
                close(fd);
    }
    signal(SIGPIPE, SIG_DFL);
    if (lim) {
        set_limit(RLIMIT_CPU, (rlim_t)lim->cpu_s);
        set_limit(RLIMIT_AS, (rlim_t)lim->mem_mb << 20);
        set_limit(RLIMIT_FSIZE, (rlim_t)lim->fsize_kb << 10);
        set_limit(RLIMIT_NOFILE, (rlim_t)lim->nofile);
        set_limit(RLIMIT_CORE, 0);
        if (sp->drop)
            set_limit(RLIMIT_NPROC, (rlim_t)lim->nproc);
    }
    if (sp->cwd && chdir(sp->cwd) != 0) {
        why = "cannot enter its directory";
        goto fail;
    }
    if (sp->drop) {
        why = "cannot switch to the sandbox user";
        if (setgroups(0, NULL) != 0 || setgid(sp->gid) != 0 || setuid(sp->uid) != 0 ||
            getuid() != sp->uid)
            goto fail;
    }
    /* After the switch of user: changing credentials clears it. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != spawner)
        _exit(127);                   /* the grader is already gone */
    execvpe(sp->argv[0], sp->argv, sp->env);
    why = "cannot execute";
fail:
    {
        const char *e = strerror(errno);
        ssize_t ignored;

        ignored = write(STDERR_FILENO, "grader: ", 8);
        ignored = write(STDERR_FILENO, why, strlen(why));
        ignored = write(STDERR_FILENO, " ", 1);
        ignored = write(STDERR_FILENO, sp->argv[0], strlen(sp->argv[0]));
        ignored = write(STDERR_FILENO, ": ", 2);
        ignored = write(STDERR_FILENO, e, strlen(e));
        ignored = write(STDERR_FILENO, "\n", 1);
        (void)ignored;
    }
    _exit(127);
}

int grade_proc_start(const struct grade_spawn *sp, struct grade_proc *p, struct grade_buf *err)
{
    int out_fd;

    memset(p, 0, sizeof *p);
    p->pidfd = -1;
    out_fd = sp->out ? open(sp->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644)
                     : open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (out_fd < 0) {
        grade_buf_addf(err, "cannot create %s: %s", sp->out ? sp->out : "/dev/null",
                       strerror(errno));
        return -1;
    }
    if (sp->out && sp->drop && fchown(out_fd, sp->uid, sp->gid) != 0) {
        grade_buf_addf(err, "cannot hand %s to the sandbox user: %s", sp->out, strerror(errno));
        close(out_fd);
        return -1;
    }
    p->start = grade_now();
    spawner = getpid();
    p->pid = fork();
    if (p->pid < 0) {
        grade_buf_addf(err, "fork: %s", strerror(errno));
        close(out_fd);
        return -1;
    }
    if (p->pid == 0)
        child(sp, out_fd);
    close(out_fd);
    live_add(p->pid);
    p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
    return 0;
}

/* Read "state ppid pgrp session" of pid from /proc; 0 on success. */
static int proc_stat(pid_t pid, char *state, pid_t *ppid, pid_t *session)
{
    char path[64], buf[512], *close_paren;
    int fd, pgrp;
    ssize_t n;

    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    close_paren = strrchr(buf, ')');   /* the command name may hold ')' */
    if (!close_paren || sscanf(close_paren + 1, " %c %d %d %d", state, ppid, &pgrp, session) != 4)
        return -1;
    return 0;
}

/*
 * Kill every process whose session is sid, until none is left running,
 * and reap those that are the grader's children (orphans come to the
 * subreaper), except `keep`, whose status the caller still wants.
 */
static void kill_session(pid_t sid, pid_t keep)
{
    pid_t self = getpid();

    for (int round = 0; round < 2000; round++) {
        DIR *d = opendir("/proc");
        struct dirent *e;
        int running = 0;

        if (!d)
            return;
        while ((e = readdir(d)) != NULL) {
            pid_t pid = (pid_t)atoi(e->d_name), ppid, session;
            char state;

            if (pid <= 0 || proc_stat(pid, &state, &ppid, &session) != 0 || session != sid)
                continue;
            if (state != 'Z') {
                kill(pid, SIGKILL);
                running++;
            } else if (ppid == self && pid != keep) {
                waitpid(pid, NULL, WNOHANG);
            }
        }
        closedir(d);
        if (!running)
            return;
        nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
    }
}

/* CPU seconds (user + system) in a wait4() report. */
static double cpu_of(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
           (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

/* p has ended with `status`: record it and clean its session up. */
static void finish(struct grade_proc *p, int status, const struct rusage *ru)
{
    p->status = status;
    p->cpu = cpu_of(ru);
    p->done = 1;
    p->elapsed = grade_now() - p->start;
    kill_session(p->pid, 0);
    if (p->pidfd >= 0)
        close(p->pidfd);
    p->pidfd = -1;
    live_remove(p->pid);
}

void grade_proc_kill(struct grade_proc *p)
{
    int status = 0;
    struct rusage ru = { 0 };

    if (p->done)
        return;
    kill(p->pid, SIGKILL);
    kill_session(p->pid, p->pid);
    while (wait4(p->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    finish(p, status, &ru);
}

long grade_proc_wait_any(struct grade_proc *const ps[], size_t n, double deadline)
{
    for (;;) {
        struct pollfd fds[64];
        size_t map[64], nfds = 0;
        int waiting = 0, have_pidfds = 1;
        double left;

        for (size_t i = 0; i < n; i++) {
            int status;
            struct rusage ru = { 0 };
            pid_t r;

            if (ps[i]->done)
                continue;
            waiting = 1;
            r = wait4(ps[i]->pid, &status, WNOHANG, &ru);
            if (r == ps[i]->pid) {
                finish(ps[i], status, &ru);
                return (long)i;
            }
            if (ps[i]->pidfd < 0 || nfds == 64) {
                have_pidfds = 0;
                continue;
            }
            fds[nfds].fd = ps[i]->pidfd;
            fds[nfds].events = POLLIN;
            map[nfds++] = i;
        }
        (void)map;
        if (!waiting)
            return -1;
        left = deadline - grade_now();
        if (left <= 0)
            return -1;
        if (!have_pidfds || nfds == 0) {
            /* No pidfd: look again in 5 ms. */
            double step = left < 0.005 ? left : 0.005;

            nanosleep(&(struct timespec){ 0, (long)(step * 1e9) }, NULL);
        } else {
            double ms = left * 1000 + 1;

            poll(fds, nfds, ms > 1e9 ? 1000000000 : (int)ms);
        }
    }
}

void grade_proc_wait(struct grade_proc *p, double deadline)
{
    struct grade_proc *one[1] = { p };

    if (p->done)
        return;
    if (grade_proc_wait_any(one, 1, deadline) < 0 && !p->done) {
        p->timed_out = 1;
        grade_proc_kill(p);
    }
}

int grade_proc_run(const struct grade_spawn *sp, double timeout_s, struct grade_proc *p,
                   struct grade_buf *err)
{
    if (grade_proc_start(sp, p, err) != 0)
        return -1;
    grade_proc_wait(p, p->start + timeout_s);
    return 0;
}

void grade_proc_describe(const struct grade_proc *p, double timeout_s, struct grade_buf *out)
{
    if (p->timed_out)
        grade_buf_addf(out, "timed out after %g s", timeout_s);
    else if (WIFEXITED(p->status))
        grade_buf_addf(out, "exit status %d", WEXITSTATUS(p->status));
    else if (WIFSIGNALED(p->status))
        grade_buf_addf(out, "killed by signal %d (%s)", WTERMSIG(p->status),
                       strsignal(WTERMSIG(p->status)));
    else
        grade_buf_adds(out, "ended oddly");
}

void grade_proc_kill_all(void)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] > 0)
            kill(-live[i], SIGKILL);
}
