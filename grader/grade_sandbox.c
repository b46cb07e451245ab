/* grade_sandbox.c - the two seccomp filters (see grade_sandbox.h). */
#include "grade_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grade_fs.h"

#ifndef CLONE_THREAD
#define CLONE_THREAD 0x00010000
#endif

/* What any lab's test process may do: compute, allocate, print to the
 * descriptors it has, wait on pipes and poll/epoll, read clocks and sleep
 * (a timeout stops a sleeper).  One thread only: threads, futexes and
 * eventfds are what a lab's manifest asks for ("syscalls"; see
 * add_manifest below), and no lab gets a timerfd, a signalfd or a
 * socket other than socketpair(AF_UNIX).  A single-threaded process never
 * waits on a futex: its locks (stdio's, malloc's) are never contended. */
static const char *const test_allowed[] = {
    "close", "fstat", "newfstatat", "fsync", "fdatasync", "getcwd", "umask",
    "brk", "munmap", "mremap", "mprotect", "madvise", "mincore", "msync",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending",
    "rt_sigtimedwait", "rt_sigsuspend", "sigaltstack", "pause", "tgkill",
    "getpid", "gettid", "getppid", "getpgrp", "getpgid", "getsid",
    "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups",
    "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time",
    "alarm", "setitimer", "getitimer",
    "timer_create", "timer_settime", "timer_gettime", "timer_getoverrun", "timer_delete",
    "sched_yield", "sched_getparam", "sched_getscheduler", "arch_prctl",
    "exit", "exit_group", "restart_syscall",
    "pipe", "pipe2", "poll", "ppoll", "select", "pselect6",
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2",
    "shutdown",
    "getrandom", "getrlimit", "getrusage", "times", "sysinfo", "uname",
    NULL,
};

/* What may touch any descriptor but the proof's two (GRADE_LEDGER_FD, where
 * the secret is parked, and GRADE_PROOF_FD, next to it): by the first
 * argument, or (mmap) the fifth.  No sendmsg: over a socket pair it would
 * hand either of them to another number. */
static const struct {
    const char *name;
    unsigned arg;
} test_fd_calls[] = {
    { "read", 0 }, { "readv", 0 }, { "pread64", 0 }, { "preadv", 0 }, { "recvfrom", 0 },
    { "write", 0 }, { "writev", 0 }, { "pwrite64", 0 }, { "pwritev", 0 }, { "sendto", 0 },
    { "lseek", 0 }, { "dup", 0 }, { "dup2", 0 }, { "dup3", 0 }, { "fcntl", 0 },
    { "mmap", 4 },
};

/* Path look-ups that only read: they fail with EACCES in a test. */
static const char *const test_eacces[] = {
    "access", "faccessat", "faccessat2", "readlink", "readlinkat", "stat", "lstat",
    "statfs", "statx", NULL,
};

/* What the runner never needs; its filter allows everything else. */
static const char *const runner_denied[] = {
    "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
    "setsid", "socket", "connect", "bind", "listen", "accept", "accept4",
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load",
    "reboot", "bpf", "perf_event_open", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "keyctl", "add_key", "request_key", "personality",
    "userfaultfd", "open_by_handle_at", "name_to_handle_at", "swapon", "swapoff",
    "syslog", "acct", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid",
    "setgroups", "setfsuid", "setfsgid", "capset", "quotactl",
    NULL,
};

/* Add `action` rules for every known name in list (names this
 * architecture lacks are skipped). */
static int add_all(scmp_filter_ctx ctx, uint32_t action, const char *const list[])
{
    for (int i = 0; list[i]; i++) {
        int nr = seccomp_syscall_resolve_name(list[i]);

        if (nr == __NR_SCMP_ERROR)
            continue;
        if (seccomp_rule_add(ctx, action, nr, 0) != 0)
            return -1;
    }
    return 0;
}

#define RULE(ctx, act, name, ...) \
    seccomp_rule_add((ctx), (act), SCMP_SYS(name), __VA_ARGS__)

/* What a manifest may not name in "syscalls": a new process; a socket
 * (connect's address is in memory, where a filter cannot tell loopback
 * from the world); sendmsg, which would pass the proof's descriptors to
 * another number; and the calls this filter allows only under a condition
 * of its own (below), which an unconditional rule would widen. */
static const char *const test_never[] = {
    "clone3", "fork", "vfork", "execve", "execveat",
    "socket", "connect", "bind", "sendmsg", "sendmmsg",
    "setpgid", "openat", "open", "prlimit64", "socketpair", "ioctl", "prctl", NULL,
};

/* The namespace flags, which no thread of a test may ask for. */
#define NEW_NAMESPACES 0x7e020000UL  /* CLONE_NEWNS, CLONE_NEWCGROUP ... CLONE_NEWNET */

/*
 * The system calls lab's manifest (and its earlier labs') ask for
 * ("syscalls", common/co_lab.h).  Each name is allowed as it is, but:
 *   clone   means threads, never a process: clone only with CLONE_THREAD
 *           (and no new namespace), so that fork, which the C library
 *           makes of clone, still kills; clone3, whose flags sit in memory
 *           where a filter cannot read them, fails with ENOSYS, and the C
 *           library's pthread_create falls back to clone;
 *   read, write, ... (test_fd_calls), preadv2, pwritev2: allowed already,
 *           never on the proof's descriptors, and stay so;
 *   test_never: refused, the manifest is at fault.
 * This is the one place that knows what a name in "syscalls" means.
 */
static int add_manifest(scmp_filter_ctx ctx, const char *lab, const struct grade_strv *names,
                        struct grade_buf *err)
{
    for (size_t i = 0; names && i < names->n; i++) {
        const char *name = names->v[i];
        int nr = seccomp_syscall_resolve_name(name), skip = 0;

        for (size_t j = 0; j < sizeof test_fd_calls / sizeof test_fd_calls[0]; j++)
            skip = skip || strcmp(name, test_fd_calls[j].name) == 0;
        if (skip || strcmp(name, "preadv2") == 0 || strcmp(name, "pwritev2") == 0)
            continue;
        for (int j = 0; test_never[j]; j++)
            if (strcmp(name, test_never[j]) == 0) {
                grade_buf_addf(err, "%s/lab.mk (or an earlier lab's): syscalls names %s, which "
                               "no test may be given (grader/README.md, the syscall filters)",
                               lab, name);
                return -1;
            }
        if (nr == __NR_SCMP_ERROR) {
            grade_buf_addf(err, "%s/lab.mk (or an earlier lab's): syscalls names %s, which is "
                           "no system call here", lab, name);
            return -1;
        }
        if (strcmp(name, "clone") != 0) {
            if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) != 0)
                return -1;
        } else if (RULE(ctx, SCMP_ACT_ALLOW, clone, 1,
                        SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD | NEW_NAMESPACES,
                                CLONE_THREAD)) != 0 ||
                   RULE(ctx, SCMP_ACT_ERRNO(ENOSYS), clone3, 0) != 0) {
            return -1;
        }
    }
    return 0;
}

static scmp_filter_ctx test_filter(const char *lab, const struct grade_strv *extra,
                                   struct grade_buf *err)
{
    const scmp_datum_t writes = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    int bad = !ctx;

    bad = bad || add_all(ctx, SCMP_ACT_ALLOW, test_allowed) != 0;
    /* Descriptors but the proof's (their 32 bits: the kernel reads an int). */
    for (size_t i = 0; !bad && i < sizeof test_fd_calls / sizeof test_fd_calls[0]; i++) {
        int nr = seccomp_syscall_resolve_name(test_fd_calls[i].name);
        struct scmp_arg_cmp below = SCMP_CMP32(test_fd_calls[i].arg, SCMP_CMP_LT,
                                               GRADE_LEDGER_FD);
        struct scmp_arg_cmp above = SCMP_CMP32(test_fd_calls[i].arg, SCMP_CMP_GT,
                                               GRADE_PROOF_FD);

        if (nr != __NR_SCMP_ERROR)
            bad = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &below) != 0 ||
                  seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &above) != 0;
    }
    /* co_check's own two calls, on the proof's descriptors alone. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, preadv2, 1,
                      SCMP_A0_32(SCMP_CMP_EQ, GRADE_LEDGER_FD)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, pwritev2, 1,
                      SCMP_A0_32(SCMP_CMP_EQ, GRADE_PROOF_FD)) != 0;
    bad = bad || add_manifest(ctx, lab, extra, err) != 0;
    bad = bad || add_all(ctx, SCMP_ACT_ERRNO(EACCES), test_eacces) != 0;
    /* Check's test process puts itself in its own process group. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, setpgid, 2,
                      SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A1(SCMP_CMP_EQ, 0)) != 0;
    /* Opening for reading fails quietly; for writing, it kills. */
    bad = bad || RULE(ctx, SCMP_ACT_ERRNO(EACCES), openat, 1,
                      SCMP_A2(SCMP_CMP_MASKED_EQ, writes, 0)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ERRNO(EACCES), open, 1,
                      SCMP_A1(SCMP_CMP_MASKED_EQ, writes, 0)) != 0;
    /* getrlimit through prlimit64, but no setting limits. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, prlimit64, 1, SCMP_A2(SCMP_CMP_EQ, 0)) != 0;
    /* A self-pipe may be a socket pair; no other socket exists in a test. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, socketpair, 1, SCMP_A0(SCMP_CMP_EQ, AF_UNIX)) != 0;
    /* isatty() and friends. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, ioctl, 1, SCMP_A1(SCMP_CMP_EQ, TCGETS)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, ioctl, 1, SCMP_A1(SCMP_CMP_EQ, TIOCGWINSZ)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, ioctl, 1, SCMP_A1(SCMP_CMP_EQ, FIONREAD)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, ioctl, 1, SCMP_A1(SCMP_CMP_EQ, FIONBIO)) != 0;
    /* Naming a thread. */
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, prctl, 1, SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME)) != 0;
    bad = bad || RULE(ctx, SCMP_ACT_ALLOW, prctl, 1, SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME)) != 0;
    if (bad && ctx) {
        seccomp_release(ctx);
        ctx = NULL;
    }
    return ctx;
}

static scmp_filter_ctx runner_filter(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);

    if (ctx && add_all(ctx, SCMP_ACT_KILL_PROCESS, runner_denied) != 0) {
        seccomp_release(ctx);
        ctx = NULL;
    }
    return ctx;
}

static int export(scmp_filter_ctx ctx, const char *path, struct grade_buf *err)
{
    int fd, r;

    if (!ctx) {
        if (!err->len)      /* else the filter's builder said why */
            grade_buf_adds(err, "libseccomp could not build a filter");
        return -1;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        grade_buf_addf(err, "cannot write %s: %s", path, strerror(errno));
        seccomp_release(ctx);
        return -1;
    }
    r = seccomp_export_bpf(ctx, fd);
    if (fchmod(fd, 0644) != 0 || close(fd) != 0 || r != 0) {
        grade_buf_addf(err, "cannot export the filter to %s", path);
        seccomp_release(ctx);
        return -1;
    }
    seccomp_release(ctx);
    return 0;
}

int grade_sandbox_runner(const char *dir, char **path, struct grade_buf *err)
{
    *path = grade_path(dir, "runner.bpf");
    return export(runner_filter(), *path, err);
}

int grade_sandbox_test(const char *dir, const char *lab, const struct grade_strv *syscalls,
                       char **path, struct grade_buf *err)
{
    char *name = grade_strf("test-%s.bpf", lab);

    *path = grade_path(dir, name);
    free(name);
    return export(test_filter(lab, syscalls, err), *path, err);
}
