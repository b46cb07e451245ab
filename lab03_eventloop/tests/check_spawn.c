/* Step 7: generators driven by the loop (yield a request, get resumed). */
#include "lab03_tests.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A scripted generator: for each step, say a word ("word@time" in the
 * trace), then wait: sleep > 0 yields loop_sleep(sleep), sleep == 0 a
 * bare yield, sleep < 0 ends (returns the number of steps). */
struct script_step {
    const char *say;
    double sleep;
};

struct script_frame {
    const struct script_step *steps;
    int i;
    struct loop_request req;
};

static enum gen_step script_body(struct gen *g, void *frame)
{
    struct script_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0;; f->i++) {
        if (f->steps[f->i].say)
            trace("%s@%g", f->steps[f->i].say, loop_time(&L));
        if (f->steps[f->i].sleep < 0)
            break;
        if (f->steps[f->i].sleep == 0)
            GEN_YIELD(g, co_none());
        else
            GEN_YIELD(g, loop_sleep(&f->req, f->steps[f->i].sleep));
    }
    GEN_RETURN(g, co_int(f->i));
    GEN_END(g);
}

static struct gen *script_new(const char *name, const struct script_step *steps)
{
    struct gen *g = gen_new(name, script_body, sizeof(struct script_frame));

    ck_assert_msg(g != NULL, "gen_new failed");
    ((struct script_frame *)gen_frame(g))->steps = steps;
    return g;
}

/* Records "done:NAME" and counts. */
static int done_calls;

static void done_cb(struct loop *loop, struct loop_runner *r, void *arg)
{
    (void)loop;
    (void)arg;
    done_calls++;
    trace("done:%s", r->gen->name);
}

static const char *why_not_spawned(int r, const char *what)
{
    if (r != CO_OK)
        return co_why("loop_spawn(%s): expected CO_OK, got %s%s", what, co_errname(r),
                   todo_hint(r, NULL));
    return NULL;
}
#define expect_spawn(r, what) CO_EXPECT(why_not_spawned((r), (what)))

/* The runner must have finished with an exception of `kind` carrying `value`. */
static const char *why_not_result(const struct loop_runner *r, enum co_exc_kind kind,
                                  struct co_value value, const char *situation)
{
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX], er[CO_EXC_FORMAT_MAX];

    if (!r->finished)
        return co_why("%s: the runner should be marked finished", situation);
    if (r->result.kind != kind)
        return co_why("%s: r->result should be %s, it is %s", situation,
                   co_exc_kind_name(kind), r->result.kind == CO_EXC_NONE ? "no exception"
                   : co_exc_format(&r->result, er, sizeof er));
    if (!co_value_eq(r->result.value, value))
        return co_why("%s: the result should carry %s, it carries %s", situation,
                   co_value_repr(value, wr, sizeof wr),
                   co_value_repr(r->result.value, gr, sizeof gr));
    return NULL;
}
#define expect_result(r, kind, value, situation) \
    CO_EXPECT(why_not_result((r), (kind), (value), (situation)))

START_TEST(test_spawned_generators_take_turns_on_the_loop)
{
    static const struct script_step task_01[] = { { "1", 0 }, { "2", -1 } };
    static const struct script_step task_02[] = { { "3", 0 }, { "4", -1 } };
    struct gen *a = script_new("task_01", task_01), *b = script_new("task_02", task_02);
    struct loop_runner ra, rb;

    done_calls = 0;
    expect_spawn(loop_spawn(&L, &ra, a, done_cb, NULL), "task_01");
    expect_spawn(loop_spawn(&L, &rb, b, done_cb, NULL), "task_02");
    expect_run_forever(CO_EDONE, "two generators that each print, yield, print");
    expect_trace("1@0 3@0 2@0 done:task_01 4@0 done:task_02",
                 "the seed's two tasks with a bare yield, driven by the loop");
    ck_assert_msg(done_calls == 2, "done should be called once per generator, it was "
                  "called %d times", done_calls);
    expect_result(&ra, CO_STOP_ITERATION, co_int(1), "task_01's result (it returns 1)");
    ck_assert_msg(ra.steps == 2 && rb.steps == 2, "each generator was resumed twice; "
                  "the runners count %lu and %lu", ra.steps, rb.steps);
    gen_free(a);
    gen_free(b);
}
END_TEST

START_TEST(test_sleeping_generators_overlap_and_wake_in_deadline_order)
{
    static const struct script_step task_01[] = { { "1", 2 }, { "2", -1 } };
    static const struct script_step task_02[] = { { "3", 1 }, { "4", 0.5 }, { "5", -1 } };
    struct gen *a = script_new("a", task_01), *b = script_new("b", task_02);
    struct loop_runner ra, rb;

    expect_spawn(loop_spawn(&L, &ra, a, NULL, NULL), "a");
    expect_spawn(loop_spawn(&L, &rb, b, NULL, NULL), "b");
    expect_run_forever(CO_EDONE, "two sleeping generators");
    expect_trace("1@0 3@0 4@1 5@1.5 2@2", "a: say 1, sleep 2, say 2; b: say 3, sleep "
                 "1, say 4, sleep 0.5, say 5 (they sleep at the same time: the whole "
                 "run takes 2 s, not 3.5)");
    expect_time(2, "the end of the run");
    ck_assert_msg(ra.finished && rb.finished, "both runners should be finished");
    gen_free(a);
    gen_free(b);
}
END_TEST

static enum gen_step answer_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_none());
    GEN_RETURN(g, co_int(42));
    GEN_END(g);
}

START_TEST(test_done_callback_gets_the_return_value)
{
    struct gen *g = gen_new("answer", answer_body, 0);
    struct loop_runner r;

    done_calls = 0;
    expect_spawn(loop_spawn(&L, &r, g, done_cb, NULL), "answer");
    ck_assert_msg(!r.finished && r.gen == g && r.loop == &L && r.done == done_cb,
                  "after loop_spawn the runner should hold the loop, the generator "
                  "and done, and not be finished");
    expect_run_once(1, "the first step");
    ck_assert_msg(!r.finished && done_calls == 0, "after the first yield the "
                  "generator is not finished");
    expect_run_once(1, "the second step (it returns 42)");
    ck_assert_msg(done_calls == 1, "done should have been called once, %d", done_calls);
    expect_result(&r, CO_STOP_ITERATION, co_int(42), "return 42");
    ck_assert_msg(gen_state(g) == GEN_CLOSED, "the generator is closed");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "%zu handles in use after the end",
                  loop_handles_in_use(&L));
    gen_free(g);
}
END_TEST

static enum gen_step boom_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_none());
    GEN_RAISE(g, CO_VALUE_ERROR, "boom");
    GEN_END(g);
}

START_TEST(test_an_exception_escaping_a_spawned_generator_reaches_done)
{
    struct gen *g = gen_new("boom", boom_body, 0);
    struct loop_runner r;

    done_calls = 0;
    expect_spawn(loop_spawn(&L, &r, g, done_cb, NULL), "boom");
    expect_run_forever(CO_EDONE, "a generator that raises ValueError");
    ck_assert_msg(done_calls == 1, "done should have been called once, %d", done_calls);
    expect_result(&r, CO_VALUE_ERROR, co_none(), "a raised ValueError");
    ck_assert_msg(strcmp(r.result.msg, "boom") == 0, "the message should be \"boom\", "
                  "it is \"%s\"", r.result.msg);
    gen_free(g);
}
END_TEST

/* Waits until fd is readable (or writable), then reads (or writes) and
 * records what happened. */
struct io_frame {
    int fd;
    bool write;
    struct loop_request req;
};

static enum gen_step io_body(struct gen *g, void *frame)
{
    struct io_frame *f = frame;
    char buf[32];
    ssize_t n;

    GEN_BEGIN(g);
    trace("wait@%g", loop_time(&L));
    if (f->write)
        GEN_YIELD(g, loop_writable(&f->req, f->fd));
    else
        GEN_YIELD(g, loop_readable(&f->req, f->fd));
    if (f->write) {
        n = write(f->fd, "out", 3);
        trace("wrote@%g:%zd", loop_time(&L), n);
    } else {
        n = read(f->fd, buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = '\0';
        trace("got@%g:%s", loop_time(&L), buf);
    }
    GEN_END(g);
}

static struct gen *io_new(int fd, bool write)
{
    struct gen *g = gen_new("io", io_body, sizeof(struct io_frame));

    ck_assert_msg(g != NULL, "gen_new failed");
    ((struct io_frame *)gen_frame(g))->fd = fd;
    ((struct io_frame *)gen_frame(g))->write = write;
    return g;
}

static void ping_cb(struct loop *loop, void *arg)
{
    int fd = *(int *)arg;

    ck_assert_msg(write(fd, "ping", 4) == 4, "write failed");
    trace("sent@%g", loop_time(loop));
}

START_TEST(test_generator_waiting_for_a_readable_socket_resumes_when_data_arrives)
{
    int sv[2];
    struct gen *g;
    struct loop_runner r;

    ck_assert_msg(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair failed");
    g = io_new(sv[0], false);
    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "a reader generator");
    EXPECT_OK(loop_call_later(&L, 2, ping_cb, &sv[1], NULL));
    expect_run_once(1, "the generator's first step: it asks to wait for the socket");
    ck_assert_msg(r.waiting == LOOP_WAIT_READABLE && r.fd == sv[0],
                  "the runner should say it waits for fd %d to be readable "
                  "(waiting %d, fd %d)", sv[0], (int)r.waiting, r.fd);
    ck_assert_msg(loop_io_count(&L) == 1, "the loop should watch the socket "
                  "(%zu descriptors watched)", loop_io_count(&L));
    expect_run_forever(CO_EDONE, "until the data arrives and the generator ends");
    expect_trace("wait@0 sent@2 got@2:ping", "a generator waiting for a socket that "
                 "a timer at 2 writes to");
    ck_assert_msg(loop_io_count(&L) == 0 && r.finished, "after the generator resumed "
                  "the loop must stop watching the socket (%zu watched)",
                  loop_io_count(&L));
    gen_free(g);
    close(sv[0]);
    close(sv[1]);
}
END_TEST

START_TEST(test_generator_waiting_for_a_writable_pipe_resumes)
{
    int p[2];
    struct gen *g;
    struct loop_runner r;
    char buf[8] = "";

    ck_assert_msg(pipe(p) == 0, "pipe() failed");
    g = io_new(p[1], true);
    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "a writer generator");
    expect_run_forever(CO_EDONE, "a generator waiting to write to an empty pipe");
    expect_trace("wait@0 wrote@0:3", "wait for writable, then write");
    ck_assert_msg(read(p[0], buf, sizeof buf - 1) == 3 && strcmp(buf, "out") == 0,
                  "the pipe should hold \"out\", it holds \"%s\"", buf);
    gen_free(g);
    close(p[0]);
    close(p[1]);
}
END_TEST

/* Yields something the loop cannot carry out, twice, catching what comes back. */
struct bad_frame {
    struct co_exc caught;
    struct loop_request req;
};

static enum gen_step bad_body(struct gen *g, void *frame)
{
    struct bad_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, co_int(5), f->caught);
    trace("caught:%s", co_exc_kind_name(f->caught.kind));
    GEN_TRY_YIELD(g, loop_readable(&f->req, -1), f->caught);
    trace("caught:%s", co_exc_kind_name(f->caught.kind));
    GEN_RETURN(g, co_str("survived"));
    GEN_END(g);
}

START_TEST(test_bad_yield_is_thrown_into_the_generator_as_RuntimeError)
{
    struct gen *g = gen_new("bad", bad_body, sizeof(struct bad_frame));
    struct loop_runner r;

    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "a generator yielding nonsense");
    expect_run_forever(CO_EDONE, "a generator that yields 5, then a bad descriptor");
    expect_trace("caught:RuntimeError caught:RuntimeError", "yield 5 and yield "
                 "loop_readable(-1) are answered by RuntimeError thrown in at the "
                 "yield (asyncio: \"Task got bad yield\")");
    expect_result(&r, CO_STOP_ITERATION, co_str("survived"), "after catching both");
    gen_free(g);
}
END_TEST

START_TEST(test_spawn_refuses_NULL_and_closed_generators)
{
    static const struct script_step once[] = { { "x", -1 } };
    struct gen *g = script_new("g", once);
    struct loop_runner r, untouched;

    memset(&r, 0xA5, sizeof r);
    memcpy(&untouched, &r, sizeof r);
    ck_assert_err(loop_spawn(NULL, &r, g, NULL, NULL), CO_EINVAL);
    ck_assert_err(loop_spawn(&L, NULL, g, NULL, NULL), CO_EINVAL);
    ck_assert_err(loop_spawn(&L, &r, NULL, NULL, NULL), CO_EINVAL);
    gen_close(g, NULL);
    ck_assert_err(loop_spawn(&L, &r, g, NULL, NULL), CO_ESTATE);
    ck_assert_msg(memcmp(&r, &untouched, sizeof r) == 0, "a refused spawn must leave "
                  "the runner alone");
    ck_assert_msg(loop_ready_count(&L) == 0 && loop_handles_in_use(&L) == 0,
                  "a refused spawn must schedule nothing");
    expect_run_once(0, "nothing was scheduled");
    gen_free(g);
}
END_TEST

START_TEST(test_first_step_is_queued_like_call_soon)
{
    static const struct script_step steps[] = { { "g1", 0 }, { "g2", -1 } };
    struct gen *g = script_new("g", steps);
    struct loop_runner r;

    EXPECT_OK(loop_call_soon(&L, record_cb, "a", NULL));
    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "g");
    EXPECT_OK(loop_call_soon(&L, record_cb, "b", NULL));
    ck_assert_msg(gen_state(g) == GEN_CREATED, "loop_spawn must not run the generator "
                  "itself (it is %s)", gen_state_name(gen_state(g)));
    ck_assert_msg(r.step != NULL && loop_ready_at(&L, 1) == r.step,
                  "the runner's first step should be queued between a and b, and "
                  "r.step should point at its handle");
    expect_run_once(3, "a, g's first step, b");
    expect_run_once(1, "g's second step");
    expect_trace("a g1@0 b g2@0", "call_soon a, spawn g, call_soon b");
    gen_free(g);
}
END_TEST

START_TEST(test_runner_shows_what_the_generator_waits_for)
{
    static const struct script_step steps[] = { { "z", 5 }, { NULL, -1 } };
    struct gen *g = script_new("sleeper", steps);
    struct loop_runner r;

    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "sleeper");
    ck_assert_msg(r.waiting == LOOP_WAIT_NOTHING && r.fd == -1 && !r.finished &&
                  r.steps == 0, "a fresh runner waits for nothing, has fd -1, has "
                  "not run and is not finished");
    expect_run_once(1, "the first step: sleep 5");
    ck_assert_msg(r.waiting == LOOP_WAIT_SLEEP && r.wake == 5 && r.steps == 1,
                  "after yielding loop_sleep(5) at 0 the runner should wait for "
                  "SLEEP until 5 after one step (waiting %d, wake %g, steps %lu)",
                  (int)r.waiting, r.wake, r.steps);
    ck_assert_msg(r.step != NULL && loop_timer_count(&L) == 1 &&
                  loop_timer_at(&L, 0) == r.step && r.step->when == 5,
                  "the runner's next step should be the timer due at 5");
    expect_run_once(1, "the wake-up");
    ck_assert_msg(r.finished && r.step == NULL && r.waiting == LOOP_WAIT_NOTHING,
                  "a finished runner has no next step and waits for nothing");
    gen_free(g);
}
END_TEST

static void note_done_cb(struct loop *loop, struct loop_runner *r, void *arg)
{
    char text[CO_EXC_FORMAT_MAX];

    (void)loop;
    trace("done:%s", co_exc_format(&r->result, text, sizeof text));
    (*(int *)arg)++;
}

START_TEST(test_generator_closed_behind_the_loops_back_ends_its_run)
{
    struct loop_runner r;
    struct gen *g = NEW_GEN(gen_new("g", answer_body, 0));
    int done = 0;

    EXPECT_OK(loop_spawn(&L, &r, g, note_done_cb, &done));
    ck_assert_err(gen_close(g, NULL), CO_OK);           /* before its first step */
    expect_run_once(1, "the first step of a generator closed meanwhile");
    ck_assert_msg(r.finished && done == 1, "gen_next refused (CO_EDONE: closed): the "
                  "run must end, done called once (finished %d, done called %d times)",
                  r.finished, done);
    ck_assert_msg(r.result.kind == CO_STOP_ITERATION && co_is_none(r.result.value),
                  "r->result should be what gen_next set: StopIteration with no value");
    expect_trace("done:StopIteration", "the done callback of a closed generator's run");
    expect_run_once(0, "nothing is left: the loop never resumes it again");
    gen_free(g);
}
END_TEST

START_TEST(test_spawn_on_a_closed_loop_is_ECLOSED_and_never_runs_the_generator)
{
    struct loop_runner r;
    struct gen *g = NEW_GEN(gen_new("g", answer_body, 0));

    ck_assert_err(loop_close(&L), CO_OK);
    ck_assert_err(loop_spawn(&L, &r, g, NULL, NULL), CO_ECLOSED);
    ck_assert_msg(gen_state(g) == GEN_CREATED, "a refused spawn must not run the generator");
    ck_assert_msg(loop_handles_in_use(&L) == 0, "a refused spawn must schedule nothing, "
                  "but the loop holds %zu handles", loop_handles_in_use(&L));
    expect_loop_check("a closed loop after a refused spawn");
    gen_free(g);
}
END_TEST

/* Added for the mutation check (make mutate). */

/* Yields a request whose `what` the loop does not carry out, catching what
 * comes back, then returns. */
struct odd_frame {
    struct co_exc caught;
    struct loop_request req;
};

static enum gen_step odd_body(struct gen *g, void *frame)
{
    struct odd_frame *f = frame;

    GEN_BEGIN(g);
    f->req = (struct loop_request){ .what = LOOP_WAIT_NOTHING, .seconds = 0, .fd = -1 };
    GEN_TRY_YIELD(g, co_ptr(&f->req), f->caught);
    trace("caught:%s", co_exc_kind_name(f->caught.kind));
    GEN_RETURN(g, co_str("survived"));
    GEN_END(g);
}

START_TEST(test_a_request_for_nothing_is_thrown_back_as_RuntimeError)
{
    struct gen *g = gen_new("odd", odd_body, sizeof(struct odd_frame));
    struct loop_runner r;

    expect_spawn(loop_spawn(&L, &r, g, NULL, NULL), "a generator yielding a request "
                 "whose what is LOOP_WAIT_NOTHING");
    expect_run_forever(CO_EDONE, "a generator that yields a request for nothing");
    expect_trace("caught:RuntimeError", "a request with what = LOOP_WAIT_NOTHING is not "
                 "SLEEP, READABLE or WRITABLE: the loop cannot carry it out, so it throws "
                 "RuntimeError in at the yield (and the generator goes on)");
    expect_result(&r, CO_STOP_ITERATION, co_str("survived"), "after catching it");
    gen_free(g);
}
END_TEST

Suite *make_spawn_suite(void)
{
    Suite *s = suite_create("spawn");
    TCase *run = tcase_create("driving generators");
    TCase *wait = tcase_create("waiting");

    tcase_add_checked_fixture(run, setup_loop, teardown_loop);
    tcase_set_timeout(run, LAB03_TIMEOUT);
    tcase_add_test(run, test_spawned_generators_take_turns_on_the_loop);
    tcase_add_test(run, test_first_step_is_queued_like_call_soon);
    tcase_add_test(run, test_done_callback_gets_the_return_value);
    tcase_add_test(run, test_an_exception_escaping_a_spawned_generator_reaches_done);
    tcase_add_test(run, test_spawn_refuses_NULL_and_closed_generators);
    tcase_add_test(run, test_spawn_on_a_closed_loop_is_ECLOSED_and_never_runs_the_generator);
    tcase_add_test(run, test_generator_closed_behind_the_loops_back_ends_its_run);
    suite_add_tcase(s, run);

    tcase_add_checked_fixture(wait, setup_loop, teardown_loop);
    tcase_set_timeout(wait, LAB03_TIMEOUT);
    tcase_add_test(wait, test_sleeping_generators_overlap_and_wake_in_deadline_order);
    tcase_add_test(wait, test_runner_shows_what_the_generator_waits_for);
    tcase_add_test(wait, test_generator_waiting_for_a_readable_socket_resumes_when_data_arrives);
    tcase_add_test(wait, test_generator_waiting_for_a_writable_pipe_resumes);
    tcase_add_test(wait, test_bad_yield_is_thrown_into_the_generator_as_RuntimeError);
    tcase_add_test(wait, test_a_request_for_nothing_is_thrown_back_as_RuntimeError);
    suite_add_tcase(s, wait);
    return s;
}
