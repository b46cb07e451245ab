/* The checks and helpers lab04's tests share; each message says what a
 * student would need to know to fix the failure. */
#include "lab04_tests.h"

#include <stdio.h>
#include <string.h>
#include <valgrind/valgrind.h>

struct loop L;
struct future F, G;

void setup_loop(void)
{
    trace_reset();
    ck_assert_err(loop_init(&L, LOOP_CLOCK_VIRTUAL), CO_OK);
    ck_assert_err(future_init(&F, &L), CO_OK);
    ck_assert_err(future_init(&G, &L), CO_OK);
}

/* The loop is closed first: that drops the done callbacks it still holds,
 * which point into F and G (future_destroy refuses a future whose
 * callbacks an open loop would still call), then the futures, then the
 * loop's memory. */
void teardown_loop(void)
{
    loop_close(&L);
    future_destroy(&F);
    future_destroy(&G);
    loop_destroy(&L);
}

/* ---- the trace (co_testkit.h) ----------------------------------------- */

void record_done_cb(struct future *fut, void *arg)
{
    (void)fut;
    trace("%s", (const char *)arg);
}

void record_state_cb(struct future *fut, void *arg)
{
    trace("%s:%s", (const char *)arg, future_state_name(future_state(fut)));
}

void record_cb(struct loop *loop, void *arg)
{
    (void)loop;
    trace("%s", (const char *)arg);
}

/* ---- the scripted coroutine -------------------------------------------- */

struct script_frame {
    struct script *s;
    int k;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step script_body(struct gen *g, void *frame)
{
    struct script_frame *f = frame;
    char repr[CO_REPR_MAX];

    f->s->steps++;
    GEN_BEGIN(g);
    trace("%s:start", f->s->name);
    for (f->k = 0; f->k < f->s->bare_yields; f->k++) {
        GEN_YIELD(g, co_none());
        trace("%s:%d", f->s->name, f->k);
    }
    if (f->s->awaited && !f->s->catching) {
        TASK_AWAIT(g, f->s->awaited, f->r);
    } else if (f->s->awaited) {
        TASK_TRY_AWAIT(g, f->s->awaited, f->r, f->caught);
        if (f->caught.kind != CO_EXC_NONE) {
            trace("%s:caught %s", f->s->name, co_exc_kind_name(f->caught.kind));
            if (f->s->on_catch == CATCH_RERAISE)
                GEN_RERAISE(g, f->caught);
            if (f->s->on_catch == CATCH_RETURN)
                GEN_RETURN(g, f->s->ret);
            TASK_AWAIT(g, f->s->awaited2, f->r);
        }
    } else if (f->s->sub && !f->s->catching) {
        TASK_AWAIT_GEN(g, f->s->sub, f->r);
    } else if (f->s->sub) {
        TASK_TRY_AWAIT_GEN(g, f->s->sub, f->r, f->caught);
        if (f->caught.kind != CO_EXC_NONE) {
            trace("%s:caught %s", f->s->name, co_exc_kind_name(f->caught.kind));
            if (f->s->on_catch == CATCH_RERAISE)
                GEN_RERAISE(g, f->caught);
            GEN_RETURN(g, f->s->ret);
        }
    }
    if (f->s->awaited || f->s->sub)
        trace("%s:got %s", f->s->name, co_value_repr(f->r, repr, sizeof repr));
    if (f->s->raises != CO_EXC_NONE)
        GEN_RAISE(g, f->s->raises, "%s failed", f->s->name);
    if (co_is_none(f->s->ret))
        GEN_RETURN(g, f->r);
    GEN_RETURN(g, f->s->ret);
    GEN_END(g);
}

struct gen *script_new(struct script *s)
{
    struct gen *g = gen_new(s->name, script_body, sizeof(struct script_frame));

    if (g)
        ((struct script_frame *)gen_frame(g))->s = s;
    return g;
}

/* ---- the checks --------------------------------------------------------- */

const char *why_not_fut_state(const struct future *fut, enum future_state state,
                              const char *situation)
{
    enum future_state got = future_state(fut);

    if (got != state)
        return co_why("%s: expected the future to be %s, it is %s (trace so far: \"%s\")",
                      situation, future_state_name(state), future_state_name(got),
                      trace_text());
    return NULL;
}

const char *why_not_result(struct future *fut, struct co_value want, const char *situation)
{
    struct co_value out = co_str("(not set)");
    struct co_exc exc = { 0 };
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX], er[CO_EXC_FORMAT_MAX];
    int r = future_result(fut, &out, &exc);

    if (r == CO_OK && co_value_eq(out, want))
        return NULL;
    if (r == CO_OK)
        return co_why("%s: expected the result %s, got %s", situation,
                      co_value_repr(want, wr, sizeof wr), co_value_repr(out, gr, sizeof gr));
    if (r == GEN_RAISED)
        return co_why("%s: expected the result %s, but result() raised %s (trace so "
                      "far: \"%s\")", situation, co_value_repr(want, wr, sizeof wr),
                      co_exc_format(&exc, er, sizeof er), trace_text());
    return co_why("%s: expected the result %s, but future_result returned %s%s (trace "
                  "so far: \"%s\")", situation, co_value_repr(want, wr, sizeof wr),
                  co_errname(r), todo_hint(r, NULL), trace_text());
}

const char *why_not_result_raises(struct future *fut, enum co_exc_kind kind,
                                  const char *msg, const char *situation)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    char er[CO_EXC_FORMAT_MAX], gr[CO_REPR_MAX];
    int r = future_result(fut, &out, &exc);

    if (r == GEN_RAISED && exc.kind == kind
        && (!msg || strcmp(co_exc_msg(&exc), msg) == 0))
        return NULL;
    if (r == GEN_RAISED)
        return co_why("%s: expected result() to raise %s%s%s%s, it raised %s", situation,
                      co_exc_kind_name(kind), msg ? " with message \"" : "",
                      msg ? msg : "", msg ? "\"" : "", co_exc_format(&exc, er, sizeof er));
    if (r == CO_OK)
        return co_why("%s: expected result() to raise %s, it returned %s (trace so far: "
                      "\"%s\")", situation, co_exc_kind_name(kind),
                      co_value_repr(out, gr, sizeof gr), trace_text());
    return co_why("%s: expected result() to raise %s, future_result returned %s%s",
                  situation, co_exc_kind_name(kind), co_errname(r), todo_hint(r, NULL));
}

struct task *new_task_or_fail(struct gen *coro, const char *name, const char *expr)
{
    struct task *t = NULL;
    int r;

    ck_assert_msg(coro != NULL, "%s returned NULL (out of memory?)", expr);
    r = task_create(&L, coro, name, &t);
    if (r != CO_OK)
        gen_free(coro);
    ck_assert_msg(r == CO_OK && t, "task_create(&L, %s, ...): expected CO_OK and a task, "
                  "got %s%s", expr, co_errname(r), todo_hint(r, NULL));
    return t;
}

const char *why_not_run_all(const char *situation)
{
    int r = loop_run_forever(&L);

    if (r != CO_EDONE && r != CO_OK)
        return co_why("%s: loop_run_forever failed with %s (trace so far: \"%s\")",
                      situation, co_errname(r), trace_text());
    return NULL;
}

const char *why_not_run_once(const char *situation)
{
    int r = loop_run_once(&L);

    if (r < 0)
        return co_why("%s: loop_run_once failed with %s (trace so far: \"%s\")",
                      situation, co_errname(r), trace_text());
    return NULL;
}

bool under_valgrind(void)
{
    return RUNNING_ON_VALGRIND != 0;
}
