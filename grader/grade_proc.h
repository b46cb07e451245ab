/*
 * grade_proc - start a process that handles a submission (the compiler
 * on its source, the test program on its code) inside limits, and make
 * sure that nothing it started survives it.
 *
 * Each process starts a new session (setsid), so it and everything it
 * forks share one session id that the submission cannot leave (the
 * seccomp filters forbid setsid).  When the process ends or its time is
 * up, every process of that session is killed (found through /proc) and
 * reaped.  The grader marks itself a child subreaper, so orphans of a
 * killed test program come back to it instead of lingering.
 */
#ifndef GRADE_PROC_H
#define GRADE_PROC_H

#include <sys/types.h>

#include "grade_buf.h"
#include "grade_ctx.h"

/* What to start, and how. */
struct grade_spawn {
    char *const *argv;               /* argv[0]: a path, or a name in PATH */
    char *const *env;                /* the whole environment (see grade_proc_env) */
    const char *cwd;                 /* working directory; NULL = the grader's */
    const char *out;                 /* file for stdout and stderr; NULL = /dev/null */
    const struct grade_limits *lim;  /* rlimits; NULL = none */
    int drop;                        /* switch to uid/gid before exec */
    uid_t uid;
    gid_t gid;
    const int *pass;                 /* descriptors handed on as 3, 4, ... */
    int npass;                       /* how many (at most 8) */
};

/* A started process. */
struct grade_proc {
    pid_t pid;          /* also its session id */
    int pidfd;          /* for poll(); -1 where the kernel has none */
    double start;       /* grade_now() at start */
    double elapsed;     /* seconds it ran, once done */
    int status;         /* waitpid() status, once done */
    double cpu;         /* CPU seconds (user + system) it and the children it
                           waited for used, once done (wait4's report) */
    int done;           /* it ended (or was killed) and was reaped */
    int timed_out;      /* it was killed at its deadline */
};

/* Seconds on the monotonic clock. */
double grade_now(void);

/* A clean environment for sandboxed steps: PATH, LC_ALL=C, and TMPDIR
 * set to tmpdir (or /tmp); extra (NULL-terminated, may be NULL) is
 * appended.  Free with grade_strv_free. */
void grade_proc_env(struct grade_strv *env, const char *tmpdir, const char *const *extra);

/*
 * grade_proc_start - fork and exec sp->argv in a new session under the
 * limits.  stdin is /dev/null; sp->pass[i] becomes descriptor 3 + i; no
 * other descriptor of the grader leaks.
 * Returns 0, or -1 with the reason in err.  If exec itself fails, the
 * process exits with status 127 after writing why to sp->out.
 */
int grade_proc_start(const struct grade_spawn *sp, struct grade_proc *p, struct grade_buf *err);

/*
 * grade_proc_wait_any - wait until one of ps[0..n) that is not done yet
 * ends, or until `deadline` (grade_now() time).  Returns the index of one
 * that ended (now done, its session cleaned up), or -1 at the deadline
 * (nothing killed) or when none was left to wait for.
 */
long grade_proc_wait_any(struct grade_proc *const ps[], size_t n, double deadline);

/* Wait for p until deadline; at the deadline kill it (timed_out = 1).
 * Either way p is done and its session is empty when this returns. */
void grade_proc_wait(struct grade_proc *p, double deadline);

/* Kill p and everything in its session now, and reap p. */
void grade_proc_kill(struct grade_proc *p);

/* Start and wait: 0 if it ran (look at p->status and p->timed_out),
 * -1 if it could not start (err says why). */
int grade_proc_run(const struct grade_spawn *sp, double timeout_s, struct grade_proc *p,
                   struct grade_buf *err);

/* "exit status 3", "killed by SIGSEGV", or "timed out after 30 s". */
void grade_proc_describe(const struct grade_proc *p, double timeout_s, struct grade_buf *out);

/* Kill every process of every session still running (on SIGINT/SIGTERM
 * of the grader).  Async-signal-safe. */
void grade_proc_kill_all(void);

#endif
