/* The checks lab01's tests share; each message says what a student
 * would need to know to fix the failure.  Each why_*() returns NULL when
 * the check holds, else the message (in a buffer reused by the next
 * call: a failing check stops the test at once, so one is enough). */
#include "lab01_tests.h"

#include <stdarg.h>
#include <stdio.h>

/* " (the skeleton's TODO ...)" when r says the code is not written yet. */
static const char *todo_hint(int r)
{
    return r == CO_ENOSYS ? " (this is the skeleton's TODO: write it)" : "";
}

struct gen *new_gen_or_fail(struct gen *made, const char *expr)
{
    ck_assert_msg(made != NULL,
                  "%s returned NULL: expected a new generator "
                  "(hint: is it still the skeleton's TODO?)", expr);
    return made;
}

const char *why_not_yielded(int r, struct co_value out, const struct co_exc *exc,
                            struct co_value want, const char *situation)
{
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX], er[CO_EXC_FORMAT_MAX];

    if (r != GEN_YIELDED)
        return co_why("%s: expected it to yield %s, but the call returned %s%s%s%s",
                   situation, co_value_repr(want, wr, sizeof wr), gen_outcome_name(r),
                   r == GEN_RAISED ? " with " : "",
                   r == GEN_RAISED ? co_exc_format(exc, er, sizeof er) : "",
                   todo_hint(r));
    if (!co_value_eq(out, want))
        return co_why("%s: expected it to yield %s, but it yielded %s",
                   situation, co_value_repr(want, wr, sizeof wr),
                   co_value_repr(out, gr, sizeof gr));
    return NULL;
}

const char *why_not_raised(int r, const struct co_exc *exc,
                           enum co_exc_kind kind, const char *situation)
{
    char er[CO_EXC_FORMAT_MAX];

    if (r != GEN_RAISED)
        return co_why("%s: expected it to raise %s, but the call returned %s%s",
                   situation, co_exc_kind_name(kind), gen_outcome_name(r),
                   todo_hint(r));
    if (exc->kind != kind)
        return co_why("%s: expected %s to be raised, but got %s",
                   situation, co_exc_kind_name(kind),
                   exc->kind == CO_EXC_NONE ? "no exception (kind CO_EXC_NONE)"
                   : co_exc_format(exc, er, sizeof er));
    return NULL;
}

const char *why_not_stopped(int r, const struct co_exc *exc,
                            struct co_value retval, const char *situation)
{
    char wr[CO_REPR_MAX], gr[CO_REPR_MAX];
    const char *not_raised = why_not_raised(r, exc, CO_STOP_ITERATION, situation);

    if (not_raised)
        return not_raised;
    if (!co_value_eq(exc->value, retval))
        return co_why("%s: StopIteration should carry the return value %s, "
                   "but it carries %s (hint: a generator's return value "
                   "travels in StopIteration's value)", situation,
                   co_value_repr(retval, wr, sizeof wr),
                   co_value_repr(exc->value, gr, sizeof gr));
    return NULL;
}

const char *why_not_state(const struct gen *g, enum gen_state want,
                          const char *situation)
{
    enum gen_state got = gen_state(g);

    if (got != want)
        return co_why("%s: expected state %s, got %s", situation,
                   gen_state_name(want), gen_state_name(got));
    return NULL;
}

struct co_exc exc_of(enum co_exc_kind kind)
{
    return co_exc_make(kind, NULL);
}
