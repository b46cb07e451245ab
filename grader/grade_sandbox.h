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
 *           what computing, allocating, printing, threads and polling
 *           file descriptors need.  Anything else kills the process with
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

/* Write dir/runner.bpf and dir/test.bpf (mode 0644); their paths go to
 * *runner and *test (malloc'd).  The test filter also allows the system
 * calls named in `extra` (the labs' manifests' "syscalls": may be NULL).
 * Returns 0, or -1 with why in err. */
int grade_sandbox_export(const char *dir, const struct grade_strv *extra, char **runner,
                         char **test, struct grade_buf *err);

#endif
