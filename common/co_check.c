/*
 * co_check.c - the test program's main(), and how it behaves when the
 * grader runs it (graded mode, see co_check.h and grader/README.md).
 *
 * Graded mode exists because a submission is hostile until graded.  Its
 * code runs only inside test processes (Check forks one per test), so
 * everything that keeps it in its box happens in the child half of a
 * pthread_atfork handler: that runs inside fork(), in the new test
 * process, before Check calls the test's fixture or the test itself.
 */
#define _GNU_SOURCE           /* preadv2, pwritev2 */
#include "co_check.h"

#include <stdarg.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* What graded mode was asked for; all NULL/0 in a normal run. */
struct co_graded {
    const char *xml;           /* --xml FILE */
    const char *test_output;   /* --test-output DIR */
    struct sock_fprog runner;  /* --seccomp: filter for this process */
    struct sock_fprog test;    /* --seccomp-test: filter for test processes */
    int shard, nshards;        /* --shard K/N; nshards 0 = every suite */
    int ledger, proof;         /* --proof-ledger FD, --proof FD; -1 = none */
    double test_timeout;       /* --test-timeout S: cap of every tcase's timeout */
    int on;                    /* any graded option given */
};

static struct co_graded graded = { .ledger = -1, .proof = -1 };
static int graded_test_no;     /* tests forked so far (runner side) */
static pid_t graded_runner;    /* pid of the runner process */
/* Test side: the read end of the pipe that holds this test's secret
 * until its test function returns; -1 once read (or without proofs). */
static int graded_secret = -1;
/* The ledger's descriptor number, which the secret takes once it is closed. */
static int graded_ledger_no = -1;

/* Length of a secret in hex: 128 random bits. */
#define SECRET_HEX 32

/* Read a BPF program written by seccomp_export_bpf into prog. */
static int load_filter(const char *path, struct sock_fprog *prog)
{
    FILE *f = fopen(path, "rb");
    long size;
    void *insns;

    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
        size % (long)sizeof(struct sock_filter) != 0 ||
        size / (long)sizeof(struct sock_filter) > 65535 ||
        fseek(f, 0, SEEK_SET) != 0 || !(insns = malloc((size_t)size))) {
        fclose(f);
        return -1;
    }
    if (fread(insns, 1, (size_t)size, f) != (size_t)size) {
        free(insns);
        fclose(f);
        return -1;
    }
    fclose(f);
    prog->len = (unsigned short)(size / (long)sizeof(struct sock_filter));
    prog->filter = insns;
    return 0;
}

/* Install prog in the calling process (and everything it forks later).
 * No new privileges first: the kernel demands it of an unprivileged
 * filter, and it keeps a set-uid program from escaping the box. */
static int install_filter(const struct sock_fprog *prog)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog);
}

/* In a test process: say why the box could not be built, and leave
 * before the test runs.  Only async-signal-safe calls from here on. */
static void sandbox_failed(const char *what)
{
    static const char head[] = "co_check: graded-mode set-up failed: ";
    ssize_t ignored;

    ignored = write(STDERR_FILENO, head, sizeof head - 1);
    ignored = write(STDERR_FILENO, what, strlen(what));
    ignored = write(STDERR_FILENO, "\n", 1);
    (void)ignored;
    _exit(CO_CHECK_SANDBOX_FAILED);
}

/* Write "<test number> <secret>\n" to fd in one write() (pwritev2 when
 * `proof`: the only call the test filter lets write the proof); 0 if
 * whole.  Async-signal-safe (no stdio): it runs in fork's child handler. */
static int write_record(int fd, int test_no, const char *secret, int proof)
{
    char line[16 + SECRET_HEX + 2], digits[12];
    int n = 0, d = 0;
    ssize_t w;

    do
        digits[d++] = (char)('0' + test_no % 10);
    while ((test_no /= 10) > 0 && d < (int)sizeof digits);
    while (d > 0)
        line[n++] = digits[--d];
    line[n++] = ' ';
    memcpy(line + n, secret, SECRET_HEX);
    n += SECRET_HEX;
    line[n++] = '\n';
    w = proof ? pwritev2(fd, &(struct iovec){ .iov_base = line, .iov_len = (size_t)n }, 1, -1, 0)
              : write(fd, line, (size_t)n);
    explicit_bzero(line, sizeof line);
    return w == n ? 0 : -1;
}

/*
 * The proof that a test function returned (grader/README.md, "How results
 * reach the grader").  Before the test runs, its process draws a fresh
 * 128-bit secret, writes it with the test's number to the ledger (a file
 * only the grader reads) and closes the ledger, then parks the secret in
 * a pipe and wipes every copy from memory: the process holds it only as
 * bytes in a pipe it has not read.  graded_test_returned() reads it,
 * once the test function has returned, and writes it to the proof file.
 * The grader counts a test as passed only when the proof file holds the
 * ledger's secret for that test number.
 */
static void graded_secret_park(void)
{
    unsigned char raw[SECRET_HEX / 2];
    char hex[SECRET_HEX];
    int p[2];

    if (graded.ledger < 0)
        return;
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        sandbox_failed("cannot draw the test's secret");
    for (size_t i = 0; i < sizeof raw; i++) {
        hex[2 * i] = "0123456789abcdef"[raw[i] >> 4];
        hex[2 * i + 1] = "0123456789abcdef"[raw[i] & 15];
    }
    if (write_record(graded.ledger, graded_test_no, hex, 0) != 0)
        sandbox_failed("cannot write the ledger");
    graded_ledger_no = graded.ledger;
    close(graded.ledger);
    graded.ledger = -1;
    if (pipe(p) != 0 || write(p[1], hex, sizeof hex) != (ssize_t)sizeof hex)
        sandbox_failed("cannot park the test's secret");
    close(p[1]);
    /* The secret takes the ledger's number: the grader's test filter lets
     * only preadv2 read that descriptor (and only pwritev2 write the
     * proof's), so a test that may call read and write still cannot
     * take the secret or forge the proof. */
    if (p[0] != graded_ledger_no && (dup2(p[0], graded_ledger_no) != graded_ledger_no ||
                                     close(p[0]) != 0))
        sandbox_failed("cannot park the test's secret");
    graded_secret = graded_ledger_no;
    explicit_bzero(raw, sizeof raw);
    explicit_bzero(hex, sizeof hex);
}

/* The test function has returned: write its proof (once). */
static void graded_test_returned(void)
{
    char hex[SECRET_HEX];
    ssize_t n;

    if (graded_secret < 0)
        return;
    n = preadv2(graded_secret, &(struct iovec){ .iov_base = hex, .iov_len = sizeof hex }, 1,
                -1, 0);
    close(graded_secret);
    graded_secret = -1;
    if (n == (ssize_t)sizeof hex)
        (void)write_record(graded.proof, graded_test_no, hex, 1);
    explicit_bzero(hex, sizeof hex);
}

/*
 * Every test of a graded program runs through graded_trampoline, which
 * calls the test function and, when (if) it returns, the proof above.
 * The graded link (grader/grade_build.c) passes --wrap=_tcase_add_test
 * and --wrap=tcase_set_timeout, so that the tests' own calls land here;
 * a program linked without them never calls these, and then every test
 * lacks its proof and fails: the safe direction.  The __real_ symbols are
 * weak so that co_check.o also links into ordinary test programs.
 */
void __real__tcase_add_test(TCase *tc, const TTest *ttest, int sig, int allowed_exit,
                            int start, int end) __attribute__((weak));
void __wrap__tcase_add_test(TCase *tc, const TTest *ttest, int sig, int allowed_exit,
                            int start, int end);
void __real_tcase_set_timeout(TCase *tc, double timeout) __attribute__((weak));
void __wrap_tcase_set_timeout(TCase *tc, double timeout);

struct graded_test {
    TTest wrapped;             /* what Check is given: name, trampoline */
    const TTest *orig;         /* the test as written */
    struct graded_test *next;
};
static struct graded_test *graded_tests;

static void graded_trampoline(int i)
{
    const char *name = tcase_name();

    for (struct graded_test *t = graded_tests; t; t = t->next) {
        if (t->wrapped.name == name) {
            t->orig->fn(i);
            graded_test_returned();
            return;
        }
    }
    ck_abort_msg("co_check: test %s is not registered", name ? name : "?");
}

void __wrap__tcase_add_test(TCase *tc, const TTest *ttest, int sig, int allowed_exit,
                            int start, int end)
{
    if (graded.proof >= 0 && ttest) {
        struct graded_test *t;
        int dup = 0;

        for (t = graded_tests; t; t = t->next)
            dup = dup || strcmp(t->orig->name, ttest->name) == 0;
        /* A second test of the same name cannot be told apart by
         * tcase_name(): left unwrapped, it has no proof and fails. */
        if (!dup && (t = calloc(1, sizeof *t)) != NULL) {
            t->wrapped = *ttest;
            t->wrapped.fn = graded_trampoline;
            t->orig = ttest;
            t->next = graded_tests;
            graded_tests = t;
            ttest = &t->wrapped;
        }
    }
    __real__tcase_add_test(tc, ttest, sig, allowed_exit, start, end);
}

void __wrap_tcase_set_timeout(TCase *tc, double timeout)
{
    if (graded.test_timeout > 0 && timeout > graded.test_timeout)
        timeout = graded.test_timeout;
    __real_tcase_set_timeout(tc, timeout);
}

/* Runner side of fork(): number the test about to start. */
static void graded_prepare(void)
{
    graded_test_no++;
}

/*
 * Test side of fork(), before Check runs anything of the test:
 *   1. die with the runner, so that nothing outlives a killed runner;
 *   2. send stdout and stderr to this test's own file (the grader caps
 *      its size with RLIMIT_FSIZE and never parses it);
 *   3. park this test's secret (graded_secret_park) and close the ledger;
 *   4. close every inherited descriptor but Check's message file, the
 *      only other unlinked regular file (Check makes it with tmpfile()),
 *      the proof file and the secret's pipe: the XML log above all, so
 *      the test cannot write results;
 *   5. install the test filter (no fork, exec, kill, open for writing...).
 */
static void graded_child(void)
{
    struct rlimit nofile;
    char path[4096];
    int fd;

    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() != graded_runner)
        sandbox_failed("the runner is gone");
    if (graded.test_output) {
        int n = snprintf(path, sizeof path, "%s/%d.out", graded.test_output,
                         graded_test_no);
        if (n < 0 || (size_t)n >= sizeof path)
            sandbox_failed("--test-output path too long");
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
            sandbox_failed("cannot open the test's output file");
        if (fd > STDERR_FILENO)
            close(fd);
        /* A failed check ends the test with _exit(): anything still in a
         * buffer would be lost, and with it the student's debug output. */
        setvbuf(stdout, NULL, _IONBF, 0);
    }
    graded_secret_park();
    if (getrlimit(RLIMIT_NOFILE, &nofile) != 0 || nofile.rlim_cur > 65536)
        nofile.rlim_cur = 65536;
    for (fd = STDERR_FILENO + 1; fd < (int)nofile.rlim_cur; fd++) {
        struct stat st;

        if (fd == graded.proof || fd == graded_secret || fstat(fd, &st) != 0)
            continue;
        if (S_ISREG(st.st_mode) && st.st_nlink == 0)
            continue;                       /* Check's message file */
        close(fd);
    }
    if (graded.test.filter && install_filter(&graded.test) != 0)
        sandbox_failed("cannot install the test filter");
}

/* Parse "K/N" with 0 <= K < N. */
static int parse_shard(const char *s, int *k, int *n)
{
    char *end;
    long kk = strtol(s, &end, 10), nn;

    if (end == s || *end != '/')
        return -1;
    s = end + 1;
    nn = strtol(s, &end, 10);
    if (end == s || *end || nn < 1 || nn > 1000 || kk < 0 || kk >= nn)
        return -1;
    *k = (int)kk;
    *n = (int)nn;
    return 0;
}

static int usage(const char *prog)
{
    fprintf(stderr, "usage: %s [--tap FILE] [--quiet] [--xml FILE] [--shard K/N]\n"
            "       [--test-output DIR] [--seccomp FILE] [--seccomp-test FILE]\n"
            "       [--proof-ledger FD --proof FD] [--test-timeout S]\n", prog);
    return 2;
}

/* Parse an inherited descriptor's number and check it is open. */
static int parse_fd(const char *s, int *fd)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (end == s || *end || v <= STDERR_FILENO || v > 1023 || fcntl((int)v, F_GETFD) < 0)
        return -1;
    *fd = (int)v;
    return 0;
}

/* Set up graded mode in this (runner) process: filters loaded, the
 * runner's own filter installed, the fork handlers registered. */
static int graded_setup(const char *runner_bpf, const char *test_bpf)
{
    if (runner_bpf && load_filter(runner_bpf, &graded.runner) != 0) {
        fprintf(stderr, "co_check: cannot read the filter %s\n", runner_bpf);
        return -1;
    }
    if (test_bpf && load_filter(test_bpf, &graded.test) != 0) {
        fprintf(stderr, "co_check: cannot read the filter %s\n", test_bpf);
        return -1;
    }
    graded_runner = getpid();
    if (pthread_atfork(graded_prepare, NULL, graded_child) != 0) {
        fprintf(stderr, "co_check: pthread_atfork failed\n");
        return -1;
    }
    if (graded.runner.filter && install_filter(&graded.runner) != 0) {
        fprintf(stderr, "co_check: cannot install the runner filter: %s\n",
                strerror(errno));
        return -1;
    }
    return 0;
}

int co_check_main(int argc, char **argv, co_suite_maker *const makers[])
{
    const char *tap = NULL, *runner_bpf = NULL, *test_bpf = NULL;
    enum print_output mode = CK_NORMAL;
    SRunner *sr = NULL;
    int failed;

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(opt, "--quiet") == 0) {
            mode = CK_SILENT;
            continue;
        }
        if (!arg)
            return usage(argv[0]);
        i++;
        if (strcmp(opt, "--tap") == 0) {
            tap = arg;
        } else if (strcmp(opt, "--xml") == 0) {
            graded.xml = arg;
        } else if (strcmp(opt, "--test-output") == 0) {
            graded.test_output = arg;
        } else if (strcmp(opt, "--seccomp") == 0) {
            runner_bpf = arg;
        } else if (strcmp(opt, "--seccomp-test") == 0) {
            test_bpf = arg;
        } else if (strcmp(opt, "--shard") == 0) {
            if (parse_shard(arg, &graded.shard, &graded.nshards) != 0)
                return usage(argv[0]);
        } else if (strcmp(opt, "--proof-ledger") == 0) {
            if (parse_fd(arg, &graded.ledger) != 0)
                return usage(argv[0]);
        } else if (strcmp(opt, "--proof") == 0) {
            if (parse_fd(arg, &graded.proof) != 0)
                return usage(argv[0]);
        } else if (strcmp(opt, "--test-timeout") == 0) {
            char *end;

            graded.test_timeout = strtod(arg, &end);
            if (end == arg || *end || !(graded.test_timeout > 0))
                return usage(argv[0]);
        } else {
            return usage(argv[0]);
        }
        if (strcmp(opt, "--tap") != 0)
            graded.on = 1;
    }
    if ((graded.ledger < 0) != (graded.proof < 0) ||
        (graded.ledger >= 0 && graded.ledger == graded.proof))
        return usage(argv[0]);
    if (graded.on && graded_setup(runner_bpf, test_bpf) != 0)
        return 2;

    for (int i = 0; makers[i]; i++) {
        if (graded.nshards && i % graded.nshards != graded.shard)
            continue;
        if (!sr)
            sr = srunner_create(makers[i]());
        else
            srunner_add_suite(sr, makers[i]());
    }
    if (!sr && !graded.on)
        return 0;
    if (!sr)        /* an empty shard still writes a (test-less) XML log */
        sr = srunner_create(suite_create("empty shard"));
    if (graded.on)
        srunner_set_fork_status(sr, CK_FORK);
    if (graded.xml)
        srunner_set_xml(sr, graded.xml);
    if (tap)
        srunner_set_tap(sr, tap);
    srunner_run_all(sr, mode);
    failed = srunner_ntests_failed(sr);
    if (mode == CK_SILENT && failed) {
        /* Even when quiet, a failure must say what went wrong. */
        TestResult **res = srunner_failures(sr);
        for (int i = 0; i < failed; i++)
            printf("%s:%d: %s: %s\n", tr_lfile(res[i]), tr_lno(res[i]),
                   tr_tcname(res[i]), tr_msg(res[i]));
        free(res);
    }
    srunner_free(sr);
    free(graded.runner.filter);
    free(graded.test.filter);
    return failed ? 1 : 0;
}

const char *co_why(const char *fmt, ...)
{
    static char buf[640];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}
