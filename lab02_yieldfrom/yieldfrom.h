/*
 * yieldfrom - delegation: Python's `yield from`, with PEP 380's rules.
 *
 * `result = yield from sub` hands the caller's side of a generator over to
 * a subgenerator until that subgenerator ends.  While it runs:
 *   - every value sub yields goes straight out to whoever resumes the
 *     delegating generator, which only passes it on;
 *   - every send goes straight in to sub (send(None) is next(sub));
 *   - every throw goes straight in to sub, except GeneratorExit (thrown in
 *     by close): that one closes sub, then is raised in the delegator;
 *   - when sub returns v, the delegation is over and `result` is v;
 *   - when sub raises, the exception comes out of the delegation, where
 *     the delegator may catch it (GEN_TRY_YIELD_FROM).
 *
 *     def outer():                       static enum gen_step outer_body(struct gen *g, void *frame)
 *         r = yield from inner()         {
 *         return r * 2                       struct outer_frame *f = frame;
 *                                            GEN_BEGIN(g);
 *                                            GEN_YIELD_FROM(g, inner_new(), f->r);
 *                                            GEN_RETURN(g, co_int(f->r.as.i * 2));
 *                                            GEN_END(g);
 *                                        }
 *
 * How it works.  GEN_YIELD_FROM is one resume point of the delegating
 * body, like GEN_YIELD.  The first time the body reaches it, yf_start()
 * takes the subgenerator and runs it to its first yield.  If it yielded,
 * the delegating body yields that value and returns.  Every later resume
 * of the delegating generator lands at the same point again, and
 * yf_resume() forwards that resume (g->sent, or the exception thrown in)
 * to the subgenerator.  So the loop that PEP 380 writes out is the
 * delegating body itself, re-entered once per resume:
 *
 *   - the delegating generator is GEN_RUNNING while its subgenerator
 *     runs (as in Python), and resuming it from inside is refused;
 *   - a resume through N levels of delegation enters N + 1 bodies: that is
 *     the price of a level, and why yf_resume must stay cheap (the
 *     reference skips the levels between: README, "The shortcut").
 *
 * Ownership.  The delegating generator owns its subgenerator from the
 * moment of delegation, in g->delegate, and frees it the moment the
 * delegation ends (return or raise).  gen_free of the delegating
 * generator frees a delegate still there.  So the usual way to write it
 * is GEN_YIELD_FROM(g, inner_new(...), f->r): nothing else ever holds the
 * subgenerator, and nothing leaks however the delegation ends.
 *
 * The rules of gen.h's body macros hold for the delegation macros too (a
 * frame for everything that survives, one resume point per line, no
 * resume point inside a switch of your own).
 *
 * Your file is yieldfrom.c: yf_collect, yf_start and yf_resume.  The
 * macros and yf_fail below are given.
 */
#ifndef YIELDFROM_H
#define YIELDFROM_H

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"
#include "gen.h"

/* What a delegation does next (what yf_collect, yf_start and yf_resume
 * return when they succeed).  Positive, so that a negative co_err code
 * can never be mistaken for one. */
enum yf_step {
    YF_YIELDED  = 1,  /* sub paused: g->value is its value; the delegator
                       * yields it and stays at the delegation point */
    YF_RETURNED = 2,  /* sub finished: *result is its return value; the
                       * delegator carries on after the delegation */
    YF_RAISED   = 3,  /* an exception came out of the delegation: it is
                       * in g->exc, to be raised (or caught) at this point */
};

/*
 * yf_collect - turn what one resume of g->delegate gave into the next
 * step of the delegation.  r, out and exc are what gen_next, gen_send or
 * gen_throw just returned for g->delegate (out is read only for
 * GEN_YIELDED, *exc only otherwise).
 *
 *   r == GEN_YIELDED      g->value = out; g->delegate stays.  YF_YIELDED.
 *   *exc is StopIteration the subgenerator is finished: *result =
 *                         exc->value, g->delegate is freed (gen_free)
 *                         and set to NULL.  YF_RETURNED.
 *   any other *exc        g->exc = *exc, g->delegate freed and set to
 *                         NULL.  YF_RAISED.
 * "Otherwise" includes the refusals of gen.c (negative r), whose *exc is
 * what Python raises for them: CO_EDONE from a send (StopIteration with no
 * value: an exhausted generator ends the delegation with None), CO_EDONE
 * from a throw (the thrown exception itself).
 *
 * Never resumes anything.  Fails with CO_EINVAL (g, exc or result NULL)
 * or CO_ESTATE (g has no delegate), changing nothing.
 */
int yf_collect(struct gen *g, int r, struct co_value out,
               const struct co_exc *exc, struct co_value *result);

/*
 * yf_start - begin `yield from sub` in the body of g: take sub and run it
 * to its first yield (PEP 380: the first next(sub)).  Called by the
 * macros, once per delegation.
 *
 * From the call on, g owns sub: it becomes g->delegate, and is freed when
 * the delegation ends (see yf_collect), or with g.  Then:
 *   - sub CREATED or SUSPENDED: gen_next(sub), and yf_collect decides
 *     (a subgenerator already started simply continues where it paused);
 *   - sub CLOSED (exhausted, or closed before it ran): the delegation
 *     ends at once with *result = none, as `yield from` an exhausted
 *     generator does in Python; sub is freed.  YF_RETURNED.
 * Two subgenerators cannot be taken, and raise at the delegation point:
 *   - sub NULL (e.g. a gen_new that failed): g->exc = TypeError, as Python
 *     raises for `yield from None`.  YF_RAISED;
 *   - sub RUNNING (g itself, or a generator that is resuming g): g->exc =
 *     ValueError "generator already executing".  YF_RAISED; sub is left
 *     alone: whoever runs it owns it.
 *
 * Returns YF_YIELDED, YF_RETURNED or YF_RAISED as yf_collect.  Fails with
 * CO_EINVAL (g or result NULL) or CO_ESTATE (g already has a delegate),
 * changing nothing and taking nothing.
 */
int yf_start(struct gen *g, struct gen *sub, struct co_value *result);

/*
 * yf_resume - deliver the current resume of g to g->delegate.  Called by
 * the macros each time g is resumed while it delegates.
 *
 *   g->thrown, g->exc is GeneratorExit (gen_close of g, or a throw of
 *       GeneratorExit): close the delegate (gen_close), free it, set
 *       g->delegate to NULL; then raise in g what that close raised if it
 *       raised something (e.g. RuntimeError "generator ignored
 *       GeneratorExit"), else the GeneratorExit itself.  YF_RAISED.
 *   g->thrown, any other exception: gen_throw it into the delegate, and
 *       yf_collect decides.
 *   otherwise: gen_send(delegate, g->sent) (none: that is next), and
 *       yf_collect decides.
 * Either way g->thrown is false when it returns: the throw has been
 * delivered, to the delegate or by the close.
 *
 * Returns YF_YIELDED, YF_RETURNED or YF_RAISED as yf_collect.  Fails with
 * CO_EINVAL (g or result NULL) or CO_ESTATE (g has no delegate), changing
 * nothing.  Allocates nothing: it runs once per level on every resume.
 */
int yf_resume(struct gen *g, struct co_value *result);

/*
 * yf_fail - given: what the macros do when yf_start or yf_resume fails
 * (returns anything but an enum yf_step), e.g. the skeleton's CO_ENOSYS.
 * The delegation is abandoned (a delegate not running is freed) and a
 * RuntimeError naming the cause is raised in g, so that a test shows
 * "yield from: not implemented (yieldfrom.c TODO)" instead of crashing.
 */
static inline enum gen_step yf_fail(struct gen *g, int err)
{
    if (g->delegate && gen_state(g->delegate) != GEN_RUNNING)
        gen_free(g->delegate);
    g->delegate = NULL;
    if (err == CO_ENOSYS)
        g->exc = co_exc_make(CO_RUNTIME_ERROR,
                             "yield from: not implemented (yieldfrom.c TODO)");
    else
        g->exc = co_exc_make(CO_RUNTIME_ERROR,
                             "yield from: yf_start/yf_resume returned %s, "
                             "not a yf_step", co_errname(err));
    return GEN_STEP_RAISE;
}

/*
 * The part both delegation macros share (not for direct use).  The first
 * time through: yf_start.  Every later resume of g lands on the case
 * label, inside the `if (0)`, and forwards with yf_resume.  A yield of
 * the subgenerator leaves the body as GEN_YIELD does; afterwards yf_step_
 * is YF_RETURNED or YF_RAISED.
 */
#define GEN__DELEGATE(g, sub, result)                                  \
        int yf_step_ = yf_start((g), (sub), &(result));                \
        if (0) {                                                       \
    case __LINE__:                   /* each later resume lands here */ \
            yf_step_ = yf_resume((g), &(result));                      \
        }                                                              \
        if (yf_step_ == YF_YIELDED) {                                  \
            (g)->resume_point = __LINE__;                              \
            return GEN_STEP_YIELD;   /* sub's value goes to our caller */ \
        }                                                              \
        if (yf_step_ != YF_RETURNED && yf_step_ != YF_RAISED)          \
            return yf_fail((g), yf_step_)

/*
 * `result = yield from sub`.  sub is any expression giving a struct gen *
 * (evaluated once, when the delegation starts); g owns it from then on.
 * result is a struct co_value lvalue, best a frame field: it receives
 * sub's return value (none if sub ended without one).  An exception that
 * comes out of the delegation leaves the body, as an uncaught exception.
 */
#define GEN_YIELD_FROM(g, sub, result)                                 \
    do {                                                               \
        GEN__DELEGATE(g, sub, result);                                 \
        if (yf_step_ == YF_RAISED)                                     \
            return GEN_STEP_RAISE;    /* not caught: it escapes */     \
    } while (0)

/*
 * The same, but an exception that comes out of the delegation is caught:
 * it is stored in `caught` (a struct co_exc lvalue, best a frame field);
 * caught.kind is CO_EXC_NONE when sub returned (then result is set).
 * Like GEN_TRY_YIELD it catches everything, GeneratorExit too (by then
 * the subgenerator is already closed): re-raise what you do not handle.
 *     try:
 *         result = yield from sub
 *     except BaseException as caught: ...
 */
#define GEN_TRY_YIELD_FROM(g, sub, result, caught)                     \
    do {                                                               \
        GEN__DELEGATE(g, sub, result);                                 \
        if (yf_step_ == YF_RAISED)                                     \
            (caught) = (g)->exc;      /* handled here */               \
        else                                                           \
            (caught).kind = CO_EXC_NONE;                               \
    } while (0)

#endif
