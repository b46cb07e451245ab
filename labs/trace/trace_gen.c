/*
 * trace_gen.c - every resume of a generator, as trace events.
 *
 * The linker sends calls of gen_next, gen_send, gen_throw and gen_close
 * made outside gen.c here (--wrap); calls inside gen.c itself are not
 * redirected, so a resume is reported once.  Generators sharing a name
 * get "#2", "#3" so that each has its own row (trace_who).
 */
#include "trace.h"

#include <stdio.h>
#include <string.h>

#include "co_trace.h"
#include "gen.h"

int __real_gen_next(struct gen *g, struct co_value *out, struct co_exc *exc);
int __real_gen_send(struct gen *g, struct co_value v, struct co_value *out, struct co_exc *exc);
int __real_gen_throw(struct gen *g, const struct co_exc *thrown, struct co_value *out,
                     struct co_exc *exc);
int __real_gen_close(struct gen *g, struct co_exc *exc);
int __wrap_gen_next(struct gen *g, struct co_value *out, struct co_exc *exc);
int __wrap_gen_send(struct gen *g, struct co_value v, struct co_value *out, struct co_exc *exc);
int __wrap_gen_throw(struct gen *g, const struct co_exc *thrown, struct co_value *out,
                     struct co_exc *exc);
int __wrap_gen_close(struct gen *g, struct co_exc *exc);

/* A task's coroutine is drawn on its task's row (trace_task.c); any
 * other generator has its own. */
static const char *who(const struct gen *g)
{
    int delegate = 0;
    const char *row = g && trace__row ? trace__row(g, &delegate) : NULL;
    return row ? row : g ? trace_who(g, g->name) : "?";
}

/* A coroutine a task's coroutine delegates to (sleep's): its resumes
 * happen inside the task's, which are drawn. */
static bool inside_a_task(const struct gen *g)
{
    int delegate = 0;
    return g && trace__row && trace__row(g, &delegate) && delegate;
}

static void before(const struct gen *g, const char *what, struct co_value v)
{
    if (inside_a_task(g))
        return;
    if (g && gen_state(g) != GEN_CLOSED && gen_state(g) != GEN_RUNNING)
        trace_emit(CO_TRACE_RESUME, who(g), trace_time(), v, what);
}

static void after(const struct gen *g, const char *call, int r, const struct co_value *out,
                  const struct co_exc *exc)
{
    char text[CO_EXC_FORMAT_MAX + 64];

    if (!g || inside_a_task(g))
        return;
    if (r == GEN_YIELDED && out) {
        text[0] = '\0';
        if (!(trace__await && trace__await(g, *out, text, sizeof text)) && trace__describe)
            trace__describe(g, *out, text, sizeof text);
        trace_emit(CO_TRACE_SUSPEND, who(g), trace_time(), *out, text);
    } else if (r == GEN_RAISED && exc && exc->kind == CO_STOP_ITERATION) {
        trace_emit(CO_TRACE_FINISH, who(g), trace_time(), exc->value, "returned");
    } else if (r == GEN_RAISED && exc) {
        co_exc_format(exc, text, sizeof text);
        trace_emit(gen_state(g) == GEN_SUSPENDED ? CO_TRACE_SUSPEND : CO_TRACE_RAISE, who(g),
                 trace_time(), co_none(), text);
    } else if (r == CO_OK && strcmp(call, "close") == 0) {
        trace_emit(CO_TRACE_FINISH, who(g), trace_time(), co_none(), "closed");
    } else if (r < 0) {
        snprintf(text, sizeof text, "gen_%s refused: %s", call, co_errname(r));
        trace_emit(CO_TRACE_NOTE, who(g), trace_time(), co_none(), text);
    }
}

int __wrap_gen_next(struct gen *g, struct co_value *out, struct co_exc *exc)
{
    before(g, "next", co_none());
    int r = __real_gen_next(g, out, exc);
    after(g, "next", r, out, exc);
    return r;
}

int __wrap_gen_send(struct gen *g, struct co_value v, struct co_value *out, struct co_exc *exc)
{
    char what[CO_REPR_MAX + 8], repr[CO_REPR_MAX];
    snprintf(what, sizeof what, "send %s", co_value_repr(v, repr, sizeof repr));
    before(g, co_is_none(v) ? "next" : what, v);
    int r = __real_gen_send(g, v, out, exc);
    after(g, "send", r, out, exc);
    return r;
}

int __wrap_gen_throw(struct gen *g, const struct co_exc *thrown, struct co_value *out,
                     struct co_exc *exc)
{
    char what[CO_EXC_FORMAT_MAX + 8], e[CO_EXC_FORMAT_MAX];
    snprintf(what, sizeof what, "throw %s", thrown ? co_exc_format(thrown, e, sizeof e) : "?");
    before(g, what, co_none());
    int r = __real_gen_throw(g, thrown, out, exc);
    after(g, "throw", r, out, exc);
    return r;
}

int __wrap_gen_close(struct gen *g, struct co_exc *exc)
{
    struct co_exc mine = { 0 };
    bool runs = g && gen_state(g) == GEN_SUSPENDED;   /* else the body never runs */
    if (runs)
        before(g, "close", co_none());
    int r = __real_gen_close(g, exc ? exc : &mine);
    if (runs)
        after(g, "close", r, NULL, exc ? exc : &mine);
    return r;
}
