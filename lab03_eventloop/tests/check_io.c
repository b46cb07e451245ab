/* Step 6: readers and writers on file descriptors (socketpairs, pipes). */
#include "lab03_tests.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One end of a socketpair or pipe, and what its callback should do. */
struct end {
    int fd;
    const char *name;      /* recorded in the trace */
    int calls;             /* how many times the callback ran */
    int read_on_call;      /* the reader reads only on this call (0: every call) */
    bool remove;           /* the callback removes itself after reading/writing */
    struct end *other;     /* read_remove_other_cb: whose reader to remove */
};

/* The descriptors the current test made (make_socketpair, make_pipe):
 * teardown_io closes them, after the loop that may still watch them. */
static int fds[16];
static int nfds_made;

static void keep_fds(const int two[2])
{
    ck_assert_msg(nfds_made + 2 <= (int)(sizeof fds / sizeof fds[0]),
                  "test setup: too many descriptors");
    fds[nfds_made++] = two[0];
    fds[nfds_made++] = two[1];
}

static void make_socketpair(int sv[2])
{
    ck_assert_msg(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair() failed");
    keep_fds(sv);
}

static void make_pipe(int p[2])
{
    ck_assert_msg(pipe(p) == 0, "pipe() failed");
    keep_fds(p);
}

/* A test may have closed some already: closing again only fails. */
static void teardown_io(void)
{
    teardown_loop();
    while (nfds_made > 0)
        close(fds[--nfds_made]);
}

/* L must watch `n` descriptors with `handles` handles in use. */
#define expect_io_use(n, handles, situation) \
    CO_EXPECT(why_not_io_use((n), (handles), (situation)))
static const char *why_not_io_use(size_t n, size_t handles, const char *situation)
{
    if (loop_io_count(&L) == n && loop_handles_in_use(&L) == handles)
        return NULL;
    return co_why("%s: expected %zu descriptor(s) watched and %zu handle(s) in use, "
                  "got %zu and %zu", situation, n, handles, loop_io_count(&L),
                  loop_handles_in_use(&L));
}

static void send_text(int fd, const char *text)
{
    ck_assert_msg(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write failed");
}

/* Reads what is there and records "name@time:text" ("EOF" at end of file). */
static void read_cb(struct loop *loop, void *arg)
{
    struct end *e = arg;
    char buf[64];
    ssize_t n;

    e->calls++;
    if (e->read_on_call && e->calls != e->read_on_call) {
        trace("%s@%g:unread", e->name, loop_time(loop));
        return;
    }
    n = read(e->fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    trace("%s@%g:%s", e->name, loop_time(loop), n > 0 ? buf : n == 0 ? "EOF" : "error");
    if (e->remove)
        ck_assert_msg(loop_remove_reader(loop, e->fd) == 1, "%s: loop_remove_reader of "
                      "its own descriptor inside its callback should return 1", e->name);
}

/* Writes its name and records "name@time". */
static void write_cb(struct loop *loop, void *arg)
{
    struct end *e = arg;

    e->calls++;
    send_text(e->fd, e->name);
    trace("%s@%g", e->name, loop_time(loop));
    if (e->remove)
        ck_assert_msg(loop_remove_writer(loop, e->fd) == 1, "%s: loop_remove_writer of "
                      "its own descriptor inside its callback should return 1", e->name);
}

START_TEST(test_reader_runs_when_the_socket_has_data)
{
    int sv[2];
    struct end r = { .name = "read", .remove = true };

    make_socketpair(sv);
    r.fd = sv[0];
    send_text(sv[1], "hello");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    ck_assert_msg(loop_io_count(&L) == 1 && loop_io_at(&L, 0)->fd == sv[0] &&
                  loop_io_at(&L, 0)->reader && !loop_io_at(&L, 0)->writer,
                  "after add_reader the descriptor table should hold fd %d with a "
                  "reader and no writer", sv[0]);
    expect_loop_check("one reader registered");
    expect_run_once(1, "a reader on a socket with data waiting");
    expect_trace("read@0:hello", "the reader of a readable socket");
    expect_io_use(0, 0, "after the reader removed itself");
}
END_TEST

START_TEST(test_reader_waits_until_data_arrives)
{
    int sv[2];
    struct end r = { .name = "read", .remove = true };
    struct end w = { .name = "ping" };

    make_socketpair(sv);
    r.fd = sv[0];
    w.fd = sv[1];
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    EXPECT_OK(loop_call_later(&L, 1, write_cb, &w, NULL));
    expect_run_once(1, "iteration 1: the socket is idle, so the clock jumps to the "
                    "timer at 1, which writes");
    expect_run_once(1, "iteration 2: now the reader runs");
    expect_trace("ping@1 read@1:ping", "a reader, and a timer at 1 that writes to the peer");
    ck_assert_msg(r.calls == 1, "the reader must not run before there is data "
                  "(it ran %d times)", r.calls);
}
END_TEST

START_TEST(test_writer_runs_when_the_pipe_has_room)
{
    int p[2];
    struct end w = { .name = "w", .remove = true };
    char buf[8] = "";

    make_pipe(p);
    w.fd = p[1];
    EXPECT_OK(loop_add_writer(&L, p[1], write_cb, &w));
    expect_run_once(1, "a writer on an empty pipe");
    expect_trace("w@0", "the writer of an empty pipe");
    ck_assert_msg(read(p[0], buf, sizeof buf - 1) == 1 && buf[0] == 'w',
                  "the writer's byte should be in the pipe");
    ck_assert_msg(loop_io_count(&L) == 0, "the writer removed itself, but %zu "
                  "descriptors are still watched", loop_io_count(&L));
}
END_TEST

START_TEST(test_reader_runs_again_each_iteration_until_it_reads)
{
    int sv[2];
    struct end r = { .name = "r", .read_on_call = 3, .remove = true };

    make_socketpair(sv);
    r.fd = sv[0];
    send_text(sv[1], "data");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    expect_run_once(1, "iteration 1");
    expect_run_once(1, "iteration 2 (the data is still unread)");
    expect_run_once(1, "iteration 3");
    expect_run_once(0, "iteration 4: the reader removed itself, nothing is left");
    expect_trace("r@0:unread r@0:unread r@0:data", "a reader that reads only on its "
                 "3rd call (readiness is level-triggered, as in asyncio)");
}
END_TEST

START_TEST(test_remove_reader_returns_1_then_0_and_the_callback_never_runs)
{
    int sv[2];
    struct end r = { .name = "never" };

    make_socketpair(sv);
    r.fd = sv[0];
    send_text(sv[1], "data");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    ck_assert_msg(loop_remove_writer(&L, sv[0]) == 0, "remove_writer of a descriptor "
                  "with only a reader should return 0");
    ck_assert_msg(loop_remove_reader(&L, sv[0]) == 1, "remove_reader of a registered "
                  "reader should return 1");
    ck_assert_msg(loop_remove_reader(&L, sv[0]) == 0, "remove_reader again should "
                  "return 0 (nothing registered)");
    ck_assert_err(loop_remove_reader(NULL, sv[0]), CO_EINVAL);
    expect_io_use(0, 0, "after the removal");
    expect_run_once(0, "nothing is registered any more");
    expect_trace("", "a removed reader never runs");
}
END_TEST

START_TEST(test_add_reader_replaces_the_previous_callback)
{
    int sv[2];
    struct end first = { .name = "first", .remove = true };
    struct end second = { .name = "second", .remove = true };

    make_socketpair(sv);
    first.fd = second.fd = sv[0];
    send_text(sv[1], "ping");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &first));
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &second));
    expect_io_use(1, 1, "one descriptor with one reader (hint: the replaced handle "
                  "must be recycled)");
    expect_run_once(1, "the second reader only");
    expect_trace("second@0:ping", "add_reader twice on one descriptor");
}
END_TEST

/* Removes the other end's reader, then records. */
static void remove_other_cb(struct loop *loop, void *arg)
{
    struct end *e = arg;

    e->calls++;
    loop_remove_reader(loop, e->other->fd);
    loop_remove_reader(loop, e->fd);
    trace("%s", e->name);
}

START_TEST(test_reader_removed_earlier_in_the_same_iteration_never_runs)
{
    int a[2], b[2];
    struct end ea = { .name = "a" }, eb = { .name = "b" };

    make_socketpair(a);
    make_socketpair(b);
    ea.fd = a[0];
    eb.fd = b[0];
    ea.other = &eb;
    eb.other = &ea;
    send_text(a[1], "x");
    send_text(b[1], "y");
    EXPECT_OK(loop_add_reader(&L, a[0], remove_other_cb, &ea));
    EXPECT_OK(loop_add_reader(&L, b[0], remove_other_cb, &eb));
    expect_run_once(1, "two readable sockets whose readers remove each other");
    ck_assert_msg(ea.calls + eb.calls == 1, "both sockets are readable, and whichever "
                  "reader runs first removes the other: exactly one may run, but "
                  "\"%s\" ran (hint: a removed reader is cancelled even if it is "
                  "already in the ready queue)", trace_text());
    expect_io_use(0, 0, "both readers are gone");
}
END_TEST

START_TEST(test_reader_and_writer_on_one_descriptor_both_run)
{
    int sv[2];
    struct end r = { .name = "r", .remove = true };
    struct end w = { .name = "w", .remove = true };

    make_socketpair(sv);
    r.fd = w.fd = sv[0];
    send_text(sv[1], "in");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    EXPECT_OK(loop_add_writer(&L, sv[0], write_cb, &w));
    ck_assert_msg(loop_io_count(&L) == 1 && loop_io_at(&L, 0)->reader &&
                  loop_io_at(&L, 0)->writer, "a reader and a writer on one descriptor "
                  "share one entry of the table (%zu entries)", loop_io_count(&L));
    expect_loop_check("a reader and a writer on one descriptor");
    expect_run_once(2, "a socket that is readable and writable");
    ck_assert_msg(r.calls == 1 && w.calls == 1, "both should run once (reader %d, "
                  "writer %d)", r.calls, w.calls);
    expect_io_use(0, 0, "both removed themselves");
}
END_TEST

START_TEST(test_reader_sees_end_of_file_when_the_peer_closes)
{
    int sv[2];
    struct end r = { .name = "r", .remove = true };

    make_socketpair(sv);
    r.fd = sv[0];
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &r));
    close(sv[1]);
    expect_run_once(1, "the peer closed its end");
    expect_trace("r@0:EOF", "end of file counts as readable (read() returns 0 at once)");
}
END_TEST

START_TEST(test_add_reader_refuses_bad_descriptors_with_EINVAL)
{
    int p[2], closed_fd;
    struct end r = { .name = "r" };

    make_pipe(p);
    close(p[1]);
    closed_fd = p[1];
    ck_assert_err(loop_add_reader(&L, -1, read_cb, &r), CO_EINVAL);
    ck_assert_err(loop_add_reader(&L, closed_fd, read_cb, &r), CO_EINVAL);
    ck_assert_err(loop_add_writer(&L, closed_fd, write_cb, &r), CO_EINVAL);
    ck_assert_err(loop_add_reader(&L, p[0], NULL, &r), CO_EINVAL);
    ck_assert_err(loop_add_reader(NULL, p[0], read_cb, &r), CO_EINVAL);
    expect_io_use(0, 0, "refused calls must register nothing");
    EXPECT_OK(loop_add_reader(&L, p[0], read_cb, &r));
    ck_assert_msg(loop_remove_reader(&L, p[0]) == 1, "remove_reader of the accepted reader");
    expect_trace("", "no callback may run");
}
END_TEST

START_TEST(test_real_clock_loop_wakes_for_a_ready_descriptor_before_a_far_timer)
{
    struct loop m;
    int sv[2], r;
    struct end e = { .name = "read", .remove = true };

    ck_assert_err(loop_init(&m, LOOP_CLOCK_MONOTONIC), CO_OK);
    make_socketpair(sv);
    e.fd = sv[0];
    send_text(sv[1], "now");
    r = loop_call_later(&m, 3600, record_cb, "hour", NULL);
    ck_assert_msg(r == CO_OK, "call_later on a monotonic loop: %s", co_errname(r));
    r = loop_add_reader(&m, sv[0], read_cb, &e);
    ck_assert_msg(r == CO_OK, "add_reader on a monotonic loop: %s", co_errname(r));
    /* A correct loop returns at once; a loop that sleeps until the timer
     * hits the test's timeout. */
    r = loop_run_once(&m);
    ck_assert_msg(r == 1, "a readable socket and a timer an hour away: run_once "
                  "should wake for the socket and call its reader, it returned %d (%s)",
                  r, r < 0 ? co_errname(r) : "callbacks called");
    ck_assert_msg(strncmp(trace_text(), "read@", 5) == 0 && strstr(trace_text(), ":now"),
                  "the reader should have read \"now\": trace \"%s\"", trace_text());
    ck_assert_msg(loop_timer_count(&m) == 1, "the hour timer is still waiting");
    ck_assert_err(loop_destroy(&m), CO_OK);
}
END_TEST

START_TEST(test_real_clock_loop_sleeps_until_its_timer_is_due_rounding_up)
{
    struct loop m;
    struct loop_handle *h;
    struct poll_watch w;
    int iterations = 0, r;

    ck_assert_err(loop_init(&m, LOOP_CLOCK_MONOTONIC), CO_OK);
    r = loop_call_later(&m, 0.0105, record_cb, "due", &h);
    ck_assert_msg(r == CO_OK, "call_later on a monotonic loop: %s", co_errname(r));
    poll_watch_start(&m, h->when);
    /* A loop that rounds up sleeps ~11 ms in one poll and fires the timer
     * in its first iteration; one that rounds down wakes 0.5 ms early and
     * spins through poll(0) until the timer is due. */
    while (trace_text()[0] == '\0' && iterations < 100000) {
        r = loop_run_once(&m);
        ck_assert_msg(r >= 0, "run_once on a monotonic loop: %s", co_errname(r));
        iterations++;
    }
    w = poll_watch_stop();
    expect_trace("due", "one timer 10.5 ms away on the real clock");
    ck_assert_msg(!w.early, "the loop called poll(..., %d) with %.3f ms left until its "
                  "timer: it wakes before the timer is due and then spins (hint: "
                  "round the timeout UP to whole ms: ms = (int)(t * 1000); if (ms < "
                  "t * 1000) ms++;)", w.early_ms, w.early_left * 1000);
    ck_assert_msg(iterations <= 3, "%d iterations to fire one timer 10.5 ms away: the "
                  "loop busy-waits (hint: wait in poll() for the whole timeout, "
                  "rounded UP to whole ms)", iterations);
    ck_assert_err(loop_destroy(&m), CO_OK);
}
END_TEST

START_TEST(test_close_drops_the_descriptors_and_refuses_add_reader_and_add_writer)
{
    int p[2];

    make_pipe(p);
    EXPECT_OK(loop_add_reader(&L, p[0], record_cb, "reader"));
    EXPECT_OK(loop_add_writer(&L, p[1], record_cb, "writer"));
    ck_assert_msg(write(p[1], "x", 1) == 1, "write to the pipe failed");
    ck_assert_err(loop_close(&L), CO_OK);
    expect_io_use(0, 0, "a closed loop holds nothing");
    ck_assert_err(loop_add_reader(&L, p[0], record_cb, "x"), CO_ECLOSED);
    ck_assert_err(loop_add_writer(&L, p[1], record_cb, "x"), CO_ECLOSED);
    ck_assert_msg(loop_remove_reader(&L, p[0]) == 0, "remove_reader on a closed loop "
                  "should return 0 (nothing registered)");
    ck_assert_msg(loop_remove_writer(&L, p[1]) == 0, "remove_writer on a closed loop "
                  "should return 0 (nothing registered)");
    expect_trace("", "close never calls the dropped readers and writers");
    expect_loop_check("a closed loop");
}
END_TEST

/* With nothing ready and no timer, run_once must wait in poll (no limit)
 * until something happens: here a signal, 20 ms later, that makes the
 * socket readable.  A loop that returns at once would spin. */
static volatile sig_atomic_t alarm_rang;
static int alarm_fd = -1;

static void on_alarm(int sig)
{
    (void)sig;
    alarm_rang = 1;
    if (write(alarm_fd, "!", 1) < 0)
        alarm_rang = 2;
}

START_TEST(test_run_once_with_only_a_reader_waits_in_poll_until_something_happens)
{
    struct sigaction sa, old;
    struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = 20000 } }, off = { 0 };
    struct end e = { .name = "read", .remove = true };
    int sv[2], r;

    make_socketpair(sv);
    e.fd = sv[0];
    alarm_fd = sv[1];
    alarm_rang = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;              /* no SA_RESTART: poll sees EINTR */
    sigemptyset(&sa.sa_mask);
    ck_assert_msg(sigaction(SIGALRM, &sa, &old) == 0, "test setup: sigaction");
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &e));
    ck_assert_msg(setitimer(ITIMER_REAL, &it, NULL) == 0, "test setup: setitimer");
    r = loop_run_once(&L);
    ck_assert_msg(r >= 0, "run_once with one reader: %s", co_errname(r));
    ck_assert_msg(alarm_rang, "with no timer and no descriptor ready, run_once must wait "
                  "in poll with no time limit (timeout -1) until a descriptor is ready; "
                  "it returned at once (%d callbacks), before anything happened: a loop "
                  "like that spins", r);
    for (int i = 0; i < 3 && strcmp(trace_text(), "") == 0; i++)
        ck_assert_msg(loop_run_once(&L) >= 0, "run_once after the data arrived");
    ck_assert_msg(strncmp(trace_text(), "read@", 5) == 0, "once the signal made the "
                  "socket readable, the reader should run: trace \"%s\"", trace_text());
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old, NULL);
}
END_TEST

/* A writer waits for POLLOUT only: a descriptor that is readable but not
 * writable has nothing for it, and the virtual loop jumps to its timer. */
START_TEST(test_a_writer_is_not_woken_by_data_to_read)
{
    struct end w = { .name = "write" };
    int sv[2], n = 0;
    char junk[4096];

    make_socketpair(sv);
    memset(junk, 'j', sizeof junk);
    ck_assert_msg(fcntl(sv[0], F_SETFL, O_NONBLOCK) == 0, "test setup: O_NONBLOCK");
    while (write(sv[0], junk, sizeof junk) > 0 && n < 100000)
        n++;                                   /* sv[0] is no longer writable */
    send_text(sv[1], "data");                  /* ... but it is readable */
    w.fd = sv[0];
    EXPECT_OK(loop_add_writer(&L, sv[0], write_cb, &w));
    EXPECT_OK(loop_call_later(&L, 5, record_at_cb, "timer", NULL));
    expect_run_once(1, "a writer on a full socket that has data to read, and a timer at 5: "
                    "the descriptor is not writable, so the loop jumps to the timer (hint: "
                    "a writer's entry asks poll for POLLOUT only, a reader's for POLLIN)");
    expect_trace("timer@5", "the timer, not the writer");
    ck_assert_msg(loop_remove_writer(&L, sv[0]) == 1, "remove_writer of the waiting writer");
}
END_TEST

/* poll's answers for the entries in use only: after an entry is removed
 * (the last one moves into its place), what poll said last time about the
 * old last entry must not be read again. */
START_TEST(test_only_the_entries_in_use_are_read_after_poll)
{
    struct end ea = { .name = "a", .remove = true }, eb = { .name = "b" }, ew = { .name = "w" };
    int a[2], b[2];

    make_socketpair(a);
    make_socketpair(b);
    ck_assert_msg(fcntl(b[0], F_SETFL, O_NONBLOCK) == 0, "test setup: O_NONBLOCK");
    send_text(a[1], "A");
    send_text(b[1], "B");
    ea.fd = a[0];
    eb.fd = ew.fd = b[0];
    EXPECT_OK(loop_add_reader(&L, a[0], read_cb, &ea));
    EXPECT_OK(loop_add_reader(&L, b[0], read_cb, &eb));
    EXPECT_OK(loop_add_writer(&L, b[0], write_cb, &ew));
    expect_run_once(3, "a and b readable, b writable: a reads and removes itself");
    expect_run_once(1, "now only b's writer has something to do (b has nothing to read; "
                    "hint: after poll, look at entries 0 .. n_io - 1 only)");
    expect_trace("a@0:A b@0:B w@0 w@0", "two iterations; b's reader must not run again");
    ck_assert_msg(loop_remove_reader(&L, b[0]) == 1 && loop_remove_writer(&L, b[0]) == 1,
                  "remove b's reader and writer");
}
END_TEST

/* On the real clock, an iteration that has callbacks ready still looks at
 * the descriptors (poll with timeout 0), as asyncio's _run_once does: a
 * readable socket's reader runs in the same iteration, after them. */
START_TEST(test_real_clock_iteration_with_ready_callbacks_still_polls_its_descriptor)
{
    struct loop m;
    int sv[2], r;
    struct end e = { .name = "read", .remove = true };

    ck_assert_err(loop_init(&m, LOOP_CLOCK_MONOTONIC), CO_OK);
    make_socketpair(sv);
    e.fd = sv[0];
    send_text(sv[1], "now");
    ck_assert_msg(loop_add_reader(&m, sv[0], read_cb, &e) == CO_OK, "add_reader");
    ck_assert_msg(loop_call_soon(&m, record_cb, "soon", NULL) == CO_OK, "call_soon");
    r = loop_run_once(&m);
    ck_assert_msg(r == 2, "one callback ready and one readable socket on a monotonic loop: "
                  "run_once should call both (the ready callback, then the reader: a ready "
                  "callback means poll with timeout 0, not no poll), it called %d; trace "
                  "\"%s\"", r, trace_text());
    ck_assert_err(loop_destroy(&m), CO_OK);
}
END_TEST

/* The virtual clock with a descriptor: look at it without waiting (timeout
 * 0), run a ready reader at the present time, and jump to the next timer
 * only when no descriptor is ready. */
START_TEST(test_virtual_loop_with_a_descriptor_looks_without_waiting_and_jumps_only_when_idle)
{
    int sv[2];
    struct end e = { .name = "read", .remove = true };

    make_socketpair(sv);
    e.fd = sv[0];
    EXPECT_OK(loop_add_reader(&L, sv[0], read_cb, &e));
    EXPECT_OK(loop_call_soon(&L, record_cb, "soon", NULL));
    expect_run_once(1, "a ready callback and an idle reader on the virtual clock (the loop "
                    "must look at the descriptor with timeout 0, never wait)");
    EXPECT_OK(loop_call_later(&L, 0.5, record_at_cb, "half", NULL));
    expect_run_once(1, "an idle reader and a timer at 0.5 on the virtual clock: nothing is "
                    "ready, so the clock jumps to the timer");
    expect_time(0.5, "after the jump to the timer at 0.5");
    EXPECT_OK(loop_call_later(&L, 5, record_at_cb, "five", NULL));
    send_text(sv[1], "x");
    expect_run_once(1, "a readable socket and a timer at 5.5: the reader runs now, the "
                    "clock does not jump");
    expect_time(0.5, "a ready descriptor: no jump");
    expect_trace("soon half@0.5 read@0.5:x", "soon, the timer at 0.5, then the reader");
}
END_TEST

Suite *make_io_suite(void)
{
    Suite *s = suite_create("io");
    TCase *rw = tcase_create("readers and writers");
    TCase *reg = tcase_create("registration");

    tcase_add_checked_fixture(rw, setup_loop, teardown_io);
    tcase_set_timeout(rw, LAB03_TIMEOUT);
    tcase_add_test(rw, test_reader_runs_when_the_socket_has_data);
    tcase_add_test(rw, test_reader_waits_until_data_arrives);
    tcase_add_test(rw, test_writer_runs_when_the_pipe_has_room);
    tcase_add_test(rw, test_reader_runs_again_each_iteration_until_it_reads);
    tcase_add_test(rw, test_reader_and_writer_on_one_descriptor_both_run);
    tcase_add_test(rw, test_reader_sees_end_of_file_when_the_peer_closes);
    tcase_add_test(rw, test_real_clock_loop_wakes_for_a_ready_descriptor_before_a_far_timer);
    tcase_add_test(rw, test_real_clock_loop_sleeps_until_its_timer_is_due_rounding_up);
    tcase_add_test(rw, test_run_once_with_only_a_reader_waits_in_poll_until_something_happens);
    tcase_add_test(rw, test_a_writer_is_not_woken_by_data_to_read);
    tcase_add_test(rw, test_only_the_entries_in_use_are_read_after_poll);
    tcase_add_test(rw, test_real_clock_iteration_with_ready_callbacks_still_polls_its_descriptor);
    tcase_add_test(rw, test_virtual_loop_with_a_descriptor_looks_without_waiting_and_jumps_only_when_idle);
    suite_add_tcase(s, rw);

    tcase_add_checked_fixture(reg, setup_loop, teardown_io);
    tcase_set_timeout(reg, LAB03_TIMEOUT);
    tcase_add_test(reg, test_remove_reader_returns_1_then_0_and_the_callback_never_runs);
    tcase_add_test(reg, test_add_reader_replaces_the_previous_callback);
    tcase_add_test(reg, test_reader_removed_earlier_in_the_same_iteration_never_runs);
    tcase_add_test(reg, test_add_reader_refuses_bad_descriptors_with_EINVAL);
    tcase_add_test(reg, test_close_drops_the_descriptors_and_refuses_add_reader_and_add_writer);
    suite_add_tcase(s, reg);
    return s;
}
