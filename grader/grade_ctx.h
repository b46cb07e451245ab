/*
 * grade_ctx - where everything is and what the limits are: the context
 * every step of grading reads.  grade_main.c fills it in once.
 */
#ifndef GRADE_CTX_H
#define GRADE_CTX_H

#include <sys/types.h>

#include "grade_buf.h"

/* Limits on one process that runs submission code (or compiles it). */
struct grade_limits {
    int cpu_s;          /* RLIMIT_CPU, seconds of CPU per process */
    long mem_mb;        /* RLIMIT_AS, MiB of address space per process */
    long fsize_kb;      /* RLIMIT_FSIZE: caps each test's output file */
    int nofile;         /* RLIMIT_NOFILE */
    int nproc;          /* RLIMIT_NPROC (only when running as the sandbox user) */
};

struct grade_ctx {
    char *root;              /* the coro-labs tree (absolute) */
    char *build;             /* its build directory (absolute) */
    char *work;              /* this run's private scratch directory */
    char *hidden;            /* --hidden DIR, or NULL */
    const char *cc;          /* the C compiler */
    int drop;                /* run sandboxed steps as uid/gid below */
    uid_t uid;               /* the sandbox user (root only) */
    gid_t gid;
    struct grade_limits run;      /* for test programs */
    struct grade_limits compile;  /* for the compiler, linker, nm, objdump */
    double compile_s;        /* wall-clock limit of one compiler step */
    double test_s;           /* wall-clock budget of one test (its tcase's timeout, capped) */
    double lab_s;            /* a ceiling on one lab's tests (--lab-timeout); 0: none
                                but grade_run_bound's, which no test can reach */
    int jobs;                /* runners at once (single mode), students at once (batch) */
    int static_checks;       /* 0 only with --no-static-checks (sandbox tests) */
    int keep_work;           /* --keep-work: leave the scratch directory */
    char *bpf_runner;        /* seccomp filter for the test runner process (each
                                lab's test filter is its kit's: grade_build.h) */
    struct grade_strv sysinc;     /* the compiler's system include directories */
};

/* Paths inside the build tree: "<build>/sol/<rel>", malloc'd. */
char *grade_ctx_sol(const struct grade_ctx *ctx, const char *rel);

#endif
