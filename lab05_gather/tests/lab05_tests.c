/* The checks and helpers lab05's tests share. */
#include "lab05_tests.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct loop L;

void setup_loop(void)
{
    trace_reset();
    ck_assert_err(loop_init(&L, LOOP_CLOCK_VIRTUAL), CO_OK);
}

void teardown_loop(void)
{
    loop_close(&L);
    loop_destroy(&L);
}

/* ---- work() ------------------------------------------------------------ */

struct work_frame {
    const char *name;
    double delay;
    struct co_value ret;
    enum co_exc_kind raises;
    bool catching;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    trace("%s:start", f->name);
    if (f->delay >= 0 && !f->catching)
        TASK_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->r);
    if (f->delay >= 0 && f->catching) {
        TASK_TRY_AWAIT_GEN(g, task_sleep(f->delay, co_none()), f->r, f->caught);
        if (f->caught.kind != CO_EXC_NONE) {
            trace("%s:cancelled", f->name);
            GEN_RETURN(g, f->ret);
        }
    }
    trace("%s:end", f->name);
    if (f->raises != CO_EXC_NONE)
        GEN_RAISE(g, f->raises, "%s", f->name);
    GEN_RETURN(g, f->ret);
    GEN_END(g);
}

static struct gen *work_new(const char *name, double delay, struct co_value ret,
                            enum co_exc_kind raises, bool catching)
{
    struct gen *g = gen_new(name, work_body, sizeof(struct work_frame));

    if (g)
        *(struct work_frame *)gen_frame(g) = (struct work_frame){
            .name = name, .delay = delay, .ret = ret, .raises = raises, .catching = catching };
    return g;
}

struct gen *work(const char *name, double delay, struct co_value ret, enum co_exc_kind raises)
{
    return work_new(name, delay, ret, raises, false);
}

struct gen *work_catching(const char *name, double delay, struct co_value ret)
{
    return work_new(name, delay, ret, CO_EXC_NONE, true);
}

/* ---- running ------------------------------------------------------------ */

struct task *new_task(struct gen *coro)
{
    struct task *t = NULL;
    int r;

    ck_assert_msg(coro != NULL, "a coroutine maker returned NULL (the skeleton's TODO?)");
    r = task_create(&L, coro, NULL, &t);
    if (r != CO_OK)
        gen_free(coro);
    ck_assert_msg(r == CO_OK, "task_create failed with %s", co_errname(r));
    return t;
}

void run_all(void)
{
    int r = loop_run_forever(&L);

    ck_assert_msg(r == CO_EDONE || r == CO_OK, "loop_run_forever failed with %s (trace so "
                  "far: \"%s\")", co_errname(r), trace_text());
}

int run_main(struct gen *coro, struct co_value *out, struct co_exc *exc)
{
    struct task *t = new_task(coro);
    int r;

    run_all();
    ck_assert_msg(future_done(&t->fut), "the main task is still %s after the loop ran "
                  "out of work (it waits for something nobody finishes; trace: \"%s\")",
                  future_state_name(future_state(&t->fut)), trace_text());
    r = future_result(&t->fut, out, exc);
    ck_assert_err(task_free(t), CO_OK);
    return r;
}

/* ---- checks ------------------------------------------------------------- */

const char *why_not_outcome(int r, struct co_value out, const struct co_exc *exc,
                            struct co_value want, const char *situation)
{
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX], er[CO_EXC_FORMAT_MAX];

    if (r == CO_OK && co_value_eq(out, want))
        return NULL;
    if (r == CO_OK)
        return co_why("%s: expected %s, got %s (trace: \"%s\")", situation,
                      co_value_repr(want, wr, sizeof wr), co_value_repr(out, gr, sizeof gr),
                      trace_text());
    if (r == GEN_RAISED)
        return co_why("%s: expected %s, but it raised %s (trace: \"%s\")", situation,
                      co_value_repr(want, wr, sizeof wr), co_exc_format(exc, er, sizeof er),
                      trace_text());
    return co_why("%s: expected %s, got %s%s (trace: \"%s\")", situation,
                  co_value_repr(want, wr, sizeof wr), co_errname(r), todo_hint(r, exc),
                  trace_text());
}

const char *why_not_outcome_raises(int r, const struct co_exc *exc, enum co_exc_kind kind,
                                   const char *situation)
{
    char er[CO_EXC_FORMAT_MAX];

    if (r == GEN_RAISED && exc->kind == kind)
        return NULL;
    if (r == GEN_RAISED)
        return co_why("%s: expected %s, it raised %s (trace: \"%s\")", situation,
                      co_exc_kind_name(kind), co_exc_format(exc, er, sizeof er), trace_text());
    return co_why("%s: expected %s to be raised, got %s%s (trace: \"%s\")", situation,
                  co_exc_kind_name(kind), r == CO_OK ? "a result" : co_errname(r),
                  todo_hint(r, exc), trace_text());
}

const char *why_not_result(struct future *fut, struct co_value want, const char *situation)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int r = future_result(fut, &out, &exc);

    return why_not_outcome(r, out, &exc, want, situation);
}

const char *why_not_raises(struct future *fut, enum co_exc_kind kind, const char *situation)
{
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int r = future_result(fut, &out, &exc);

    return why_not_outcome_raises(r, &exc, kind, situation);
}
