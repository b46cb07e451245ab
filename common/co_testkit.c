/* co_testkit.c - the helpers every lab's tests share (see co_testkit.h). */
#include "co_testkit.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "co_invariant.h"

/* The trace (co_test_trace): a test process's own, from its fork on. */
static char trace_buf[8192];
static size_t trace_len;

const char *todo_hint(int r, const struct co_exc *exc)
{
    if (r == CO_ENOSYS)
        return " (this is the skeleton's TODO: write it)";
    if (r == GEN_RAISED && exc && strstr(exc->msg, "TODO"))
        return " (it got CO_ENOSYS from a skeleton's TODO: write it)";
    return "";
}

const char *why_not_ok(int r, const char *expr)
{
    if (r != CO_OK && trace_len > 0)
        return co_why("%s: expected CO_OK, got %s%s (trace so far: \"%s\")", expr,
                      co_errname(r), todo_hint(r, NULL), trace_buf);
    if (r != CO_OK)
        return co_why("%s: expected CO_OK, got %s%s", expr, co_errname(r),
                      todo_hint(r, NULL));
    return NULL;
}

/* ---- the trace ------------------------------------------------------- */

void co_test_trace_reset(void)
{
    trace_len = 0;
    trace_buf[0] = '\0';
}

void co_test_trace(const char *fmt, ...)
{
    va_list ap;
    int n;

    if (trace_len + 2 >= sizeof trace_buf)
        return;
    if (trace_len > 0)
        trace_buf[trace_len++] = ' ';
    va_start(ap, fmt);
    n = vsnprintf(trace_buf + trace_len, sizeof trace_buf - trace_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        trace_len += (size_t)n < sizeof trace_buf - trace_len ? (size_t)n
                     : sizeof trace_buf - trace_len - 1;
}

const char *co_test_trace_text(void)
{
    return trace_buf;
}

const char *co_why_not_trace(const char *want, const char *situation)
{
    if (strcmp(trace_buf, want) != 0)
        return co_why("%s: expected what ran to read \"%s\", but it reads \"%s\"",
                      situation, want, trace_buf);
    return NULL;
}

/* ---- generators ------------------------------------------------------ */

struct gen *new_gen_or_fail(struct gen *made, const char *expr)
{
    ck_assert_msg(made != NULL, "%s returned NULL: expected a new generator "
                  "(hint: is it still the skeleton's TODO?)", expr);
    return made;
}

struct co_exc exc_of(enum co_exc_kind kind)
{
    return co_exc_make(kind, NULL);
}

struct step step_next(struct gen *g)
{
    struct step st = { .out = co_str("(not written)") };

    st.r = gen_next(g, &st.out, &st.exc);
    return st;
}

struct step step_send(struct gen *g, struct co_value v)
{
    struct step st = { .out = co_str("(not written)") };

    st.r = gen_send(g, v, &st.out, &st.exc);
    return st;
}

struct step step_throw(struct gen *g, enum co_exc_kind kind)
{
    struct step st = { .out = co_str("(not written)") };
    struct co_exc thrown = co_exc_make(kind, "thrown by the test");

    st.r = gen_throw(g, &thrown, &st.out, &st.exc);
    return st;
}

struct step step_of(int r, struct co_value out, const struct co_exc *exc)
{
    struct step st = { .r = r, .out = out };

    if (r != GEN_YIELDED && exc)
        st.exc = *exc;
    return st;
}

/* What a step that did not do what was wanted did instead. */
static const char *step_story(struct step st, char *buf, size_t n)
{
    char er[CO_EXC_FORMAT_MAX], vr[CO_REPR_MAX];

    if (st.r == GEN_YIELDED)
        snprintf(buf, n, "it yielded %s", co_value_repr(st.out, vr, sizeof vr));
    else if (st.r == GEN_RAISED)
        snprintf(buf, n, "it raised %s%s",
                 st.exc.kind == CO_EXC_NONE ? "no exception (kind CO_EXC_NONE)"
                 : co_exc_format(&st.exc, er, sizeof er), todo_hint(st.r, &st.exc));
    else
        snprintf(buf, n, "the call returned %s%s", gen_outcome_name(st.r),
                 todo_hint(st.r, NULL));
    return buf;
}

const char *why_not_yielded(struct step st, struct co_value want, const char *situation)
{
    char wr[CO_REPR_MAX], story[CO_EXC_FORMAT_MAX + 128];

    if (st.r == GEN_YIELDED && co_value_eq(st.out, want))
        return NULL;
    return co_why("%s: expected it to yield %s, but %s", situation,
                  co_value_repr(want, wr, sizeof wr), step_story(st, story, sizeof story));
}

const char *why_not_raised(struct step st, enum co_exc_kind kind, const char *situation)
{
    char story[CO_EXC_FORMAT_MAX + 128];

    if (st.r == GEN_RAISED && st.exc.kind == kind)
        return NULL;
    return co_why("%s: expected it to raise %s, but %s", situation,
                  co_exc_kind_name(kind), step_story(st, story, sizeof story));
}

const char *why_not_stopped(struct step st, struct co_value retval, const char *situation)
{
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX];
    const char *not_raised = why_not_raised(st, CO_STOP_ITERATION, situation);

    if (not_raised)
        return not_raised;
    if (!co_value_eq(st.exc.value, retval))
        return co_why("%s: StopIteration should carry the return value %s, but it "
                      "carries %s (hint: `return v` in a body is StopIteration(v); "
                      "the value of a delegation is its subgenerator's return value)",
                      situation, co_value_repr(retval, wr, sizeof wr),
                      co_value_repr(st.exc.value, gr, sizeof gr));
    return NULL;
}

const char *why_not_caused_by(const struct co_exc *exc, enum co_exc_kind kind,
                              struct co_value value, const char *situation)
{
    char wr[CO_REPR_MAX], got[CO_EXC_FORMAT_MAX];

    if (!exc->cause || !exc->context)
        return co_why("%s: the %s should carry its cause, the %s, as CPython's __cause__ "
                      "(hint: co_exc_from(e, &cause) is `raise e from cause`), but it has %s",
                      situation, co_exc_kind_name(exc->kind), co_exc_kind_name(kind),
                      exc->context ? "only a __context__" : "none");
    if (exc->context->kind != kind || !co_value_eq(exc->context->value, value))
        return co_why("%s: its cause should be %s carrying %s, but it is %s", situation,
                      co_exc_kind_name(kind), co_value_repr(value, wr, sizeof wr),
                      co_exc_format(exc->context, got, sizeof got));
    return NULL;
}

const char *why_not_state(const struct gen *g, enum gen_state want,
                          const char *situation)
{
    enum gen_state got = gen_state(g);

    if (got == want)
        return NULL;
    return co_why("%s: expected state %s, got %s", situation, gen_state_name(want),
                  gen_state_name(got));
}

const char *why_not_gen_check(const struct gen *g, const char *situation)
{
    char why[CO_INVARIANT_MAX];
    const char *broken = gen_check_why(g, why, sizeof why);

    if (!broken)
        return NULL;
    return co_why("%s: gen_check fails: %s (the invariants are above struct gen in "
                  "gen.h)", situation, broken);
}

/* ---- memory ------------------------------------------------------------ */

size_t heap_in_use(void)
{
    /* Check's first assertion in a process allocates buffers it keeps:
     * make sure that has happened before anyone takes a baseline. */
    mark_point();
    return mallinfo2().uordblks;
}

size_t heap_in_use_warm(void)
{
    enum { PER_SIZE = 8, LARGEST = 1040, STEP = 16 };
    static void *blocks[PER_SIZE * (LARGEST / STEP)];
    size_t n = 0;

    for (size_t size = STEP; size <= LARGEST; size += STEP)
        for (int k = 0; k < PER_SIZE; k++)
            blocks[n++] = malloc(size);
    while (n > 0)
        free(blocks[--n]);
    return heap_in_use();
}

const char *why_heap_grew(size_t before, size_t slack, const char *situation,
                          const char *hint)
{
    size_t now = heap_in_use();

    if (slack == 0 ? now == before : now <= before + slack)
        return NULL;
    return co_why("%s: the heap in use went from %zu to %zu bytes: memory leaked "
                  "(hint: %s)", situation, before, now, hint);
}

/* ---- a speed part's workload ------------------------------------------ */

long long co_speed_ops(long long multiple)
{
    const char *s = getenv("CORO_SPEED_OPS");
    char *end = NULL;
    long long n = s ? strtoll(s, &end, 10) : -1;

    ck_assert_msg(s && end != s && !*end && n >= 0 && n % multiple == 0,
                  "CORO_SPEED_OPS (the manifest's operations, or 0) must be set to a multiple "
                  "of %lld (the grader sets it)", multiple);
    return n;
}

Suite *co_speed_suite(const TTest *test)
{
    Suite *s = suite_create("speed");
    TCase *tc = tcase_create("speed");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- stderr, caught ----------------------------------------------------- */

static int saved_stderr = -1, capture_pipe[2] = { -1, -1 };
static char captured[4096];

void capture_begin(void)
{
    fflush(stderr);
    ck_assert_msg(pipe(capture_pipe) == 0, "test setup: pipe() failed");
    fcntl(capture_pipe[0], F_SETFL, O_NONBLOCK);
    saved_stderr = dup(2);
    dup2(capture_pipe[1], 2);
}

const char *capture_end(void)
{
    ssize_t n;

    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    close(capture_pipe[1]);
    n = read(capture_pipe[0], captured, sizeof captured - 1);
    captured[n > 0 ? n : 0] = '\0';
    close(capture_pipe[0]);
    return captured;
}
