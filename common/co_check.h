/*
 * co_check - what every lab's Check suites share: assertions that print
 * Python-style values and exceptions, and the test program's main().
 *
 * A failure message is written for a student: the situation, what was
 * expected, what happened, and a hint where one helps.
 */
#ifndef CO_CHECK_H
#define CO_CHECK_H

#include <check.h>

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"

/* expr must return the co_err code `want`. */
#define ck_assert_err(expr, want) do {                                  \
        int got_ = (expr);                                              \
        int want_ = (want);                                             \
        ck_assert_msg(got_ == want_, "%s: expected %s, got %s%s",       \
                      #expr, co_errname(want_), co_errname(got_),       \
                      got_ == CO_ENOSYS ? " (still the skeleton's TODO)" : ""); \
    } while (0)

/* got must equal want (co_value_eq); `what` says what was compared. */
#define ck_assert_value(got, want, what) do {                           \
        struct co_value g_ = (got), w_ = (want);                        \
        char gr_[CO_REPR_MAX], wr_[CO_REPR_MAX];                        \
        ck_assert_msg(co_value_eq(g_, w_), "%s: expected %s, got %s",   \
                      (what), co_value_repr(w_, wr_, sizeof wr_),       \
                      co_value_repr(g_, gr_, sizeof gr_));              \
    } while (0)

/* The exception *exc must be of kind `want`. */
#define ck_assert_exc(exc, want, what) do {                             \
        const struct co_exc *e_ = (exc);                                \
        char er_[CO_EXC_FORMAT_MAX];                                    \
        ck_assert_msg(e_->kind == (want), "%s: expected %s, got %s",    \
                      (what), co_exc_kind_name(want),                   \
                      e_->kind == CO_EXC_NONE ? "no exception"          \
                      : co_exc_format(e_, er_, sizeof er_));            \
    } while (0)

/*
 * Checks written as functions.  A why_*() function returns NULL when its
 * check holds, else a message for the student made with co_why();
 * CO_EXPECT, at the test's own line, turns a message into a failure, so
 * that Check reports the test's file and line, not the helper's.
 */
#define CO_EXPECT(why) do {                                             \
        const char *why_ = (why);                                       \
        ck_assert_msg(why_ == NULL, "%s", why_);                        \
    } while (0)

/* printf into the buffer every check shares and return it (a failed
 * check ends the test at once, so one buffer is enough). */
const char *co_why(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

typedef Suite *co_suite_maker(void);

/*
 * co_check_main - run every suite that makers (NULL-terminated) makes,
 * each test in its own process, and print Check's usual report.
 *
 * Options: --tap FILE  also write one TAP line per test to FILE;
 *          --quiet     print only failures.
 * Check's own environment variables work too: CK_RUN_SUITE, CK_RUN_CASE,
 * CK_FORK=no (debugging, valgrind), CK_DEFAULT_TIMEOUT.
 *
 * Options the grader uses (grader/README.md explains the whole scheme);
 * any of them puts the program in *graded mode*, where every test runs
 * in its own process whatever CK_FORK says:
 *   --xml FILE          Check's XML log: one record per test, written by
 *                       this (runner) process, never by a test process.
 *                       A test whose function never returned has
 *                       <duration>-1</duration>.
 *   --shard K/N         run only the suites of makers[i] with i % N == K,
 *                       so that N runners can share the suites.
 *   --test-output DIR   each test process's stdout and stderr go to
 *                       DIR/N.out, N = 1, 2, ... in the order the tests
 *                       run (the order of the XML records).
 *   --seccomp FILE      a seccomp filter (raw BPF, as libseccomp's
 *                       seccomp_export_bpf writes it) installed in this
 *                       runner before any suite is made;
 *   --seccomp-test FILE a second filter, installed in every test process
 *                       right after fork, before the test's fixture runs.
 *   --proof-ledger FD, --proof FD
 *                       two descriptors the grader opened: before its
 *                       test runs, each test process writes "N SECRET"
 *                       (N: its number, SECRET: 128 fresh random bits)
 *                       to the ledger and closes it, and keeps the
 *                       secret in a pipe on the ledger's number; once its
 *                       test function has returned it reads it there
 *                       (preadv2) and writes the same line to the proof
 *                       (pwritev2: the grader's test filter lets only these
 *                       two calls touch the two descriptors, 3 and 4,
 *                       grader/grade_sandbox.h).  Only a test whose line is in both
 *                       can pass (grader/README.md says why).  Needs the
 *                       link options --wrap=_tcase_add_test and
 *                       --wrap=tcase_set_timeout.  So a graded test must
 *                       return to pass: a test that expects its process
 *                       to die (tcase_add_test_raise_signal,
 *                       tcase_add_exit_test) never passes when graded.
 *   --test-timeout S    no tcase's timeout may exceed S seconds.
 * In graded mode a test process also closes every descriptor it
 * inherited except stdin, stdout, stderr and Check's own message file,
 * and dies with the runner (PR_SET_PDEATHSIG).  If that set-up fails the
 * test process exits with status CO_CHECK_SANDBOX_FAILED before the test
 * runs, after saying why on stderr.
 *
 * Returns the process's exit status: 0 if every test passed, 1 if any
 * failed, 2 on a usage error or a graded-mode set-up failure.
 */
int co_check_main(int argc, char **argv, co_suite_maker *const makers[]);

/* Exit status of a test process whose graded-mode set-up failed. */
#define CO_CHECK_SANDBOX_FAILED 121

#endif
