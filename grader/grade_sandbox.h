/*
 * grade_sandbox - the system-call filters of a graded test program.
 *
 * The grader builds two seccomp filters with libseccomp and writes them
 * as raw BPF; the test program installs them (co_check.h, graded mode),
 * so test programs never link libseccomp themselves.
 *
 *   runner  the test program's main process, which never runs submission
 *           code: everything allowed except what no test runner needs
 *           (exec, sockets, ptrace, setsid, mount, ...): defence in depth.
 *   test    every test process, where the submission's code runs: only
 *           what computing, allocating, printing and polling file
 *           descriptors need, and what the lab's manifest adds (threads,
 *           futexes, eventfds for lab05): one filter per lab.  Anything else kills the process with
 *           SIGSYS, which the report names ("a forbidden system call"):
 *           fork/clone of a process, exec, kill, socket, ptrace, setsid,
 *           opening a file for writing, unlink, rename, chmod...
 *           Opening a file for reading fails with EACCES instead (the C
 *           library probes some files and copes), so no test can read the
 *           reference solution or the hidden tests either.
 */
#ifndef GRADE_SANDBOX_H
#define GRADE_SANDBOX_H

#include "grade_buf.h"

/* The descriptors a runner gets for the proof (grader/README.md): the
 * ledger, whose number the secret's pipe takes in each test process once
 * the ledger is closed, and the proof file.  The test filter lets only
 * preadv2 read the first and only pwritev2 write the second (co_check.c's
 * calls, which no submission may name), and no other call read, write,
 * duplicate, map or seek them. */
#define GRADE_LEDGER_FD 3
#define GRADE_PROOF_FD 4

/* Write dir/runner.bpf (mode 0644), the runner's filter, the same for
 * every lab; its path goes to *path (malloc'd).  Returns 0, or -1 with why
 * in err. */
int grade_sandbox_runner(const char *dir, char **path, struct grade_buf *err);

/* Write dir/test-<lab>.bpf (mode 0644), the filter of lab's test
 * processes: the common policy and the system calls named in `syscalls`
 * (the "syscalls" of lab's manifest and of its earlier labs, whose
 * reference code runs in its tests; may be NULL).  Its path goes to *path
 * (malloc'd).  Returns 0, or -1 with why in err (a name that is no
 * system call, or one no test may be given). */
int grade_sandbox_test(const char *dir, const char *lab, const struct grade_strv *syscalls,
                       char **path, struct grade_buf *err);

#endif
