/*
 * gen - generators as state machines, with Python's generator protocol.
 *
 * A Python generator is a function that can stop in the middle (at a
 * `yield`) and later carry on from exactly there.  C functions cannot do
 * that: when a C function returns, its locals are gone.  So a generator
 * in C is two things kept together:
 *
 *   - a *frame*: a struct holding every local that must survive a yield,
 *     allocated with the generator and kept alive until it is freed;
 *   - a *body*: an ordinary C function that, each time it is called,
 *     jumps to the place where it last stopped (a `switch` on a saved
 *     line number: Duff's device, as in protothreads), runs to the next
 *     yield, saves where it is and returns.
 *
 * The macros below write that switch for you.  Around them, gen.c gives
 * a generator Python's protocol: next, send, throw, close, and the four
 * states of inspect.getgeneratorstate().
 *
 *     def count(n):                 struct count_frame { int n, i; };
 *         i = 0                     static enum gen_step count_body(struct gen *g, void *frame)
 *         while i < n:              {
 *             yield i                   struct count_frame *f = frame;
 *             i += 1                    GEN_BEGIN(g);
 *         return "done"                 for (f->i = 0; f->i < f->n; f->i++)
 *                                           GEN_YIELD(g, co_int(f->i));
 *                                       GEN_RETURN(g, co_str("done"));
 *                                       GEN_END(g);
 *                                   }
 *
 * Ground rules of the body macros (each one has a reason):
 *   1. Anything that must survive a GEN_YIELD lives in the frame, never in
 *      a local variable: the body *returns* at every yield, so its locals
 *      are gone when it is resumed.
 *   2. At most one GEN_YIELD (or GEN_TRY_YIELD, GEN_YIELD_FROM) per source
 *      line: the line number is the resume point.
 *   3. No GEN_YIELD inside a `switch` statement of your own: its `case`
 *      labels would capture the resume points.  Use if/else there.
 *   4. Every body starts with GEN_BEGIN(g) and ends with GEN_END(g).
 *   5. A body leaves only through the macros (GEN_YIELD, GEN_RETURN,
 *      GEN_RAISE, GEN_END): a bare `return` would skip the bookkeeping.
 *
 * Outcomes.  Every resume (gen_next, gen_send, gen_throw) ends one of two
 * ways, as in Python:
 *   GEN_YIELDED  the body paused at a yield; *out is the yielded value;
 *   GEN_RAISED   an exception left the body; *exc holds it.  A body that
 *                *returns* raises StopIteration carrying the return value,
 *                exactly like Python: that is how a caller learns the
 *                result of a generator.
 * Misusing the API (resuming a running or closed generator, a NULL
 * argument) returns a negative co_err code instead and changes nothing
 * about the generator; *exc is then set to the exception Python would
 * raise for the same mistake, so it can be printed.
 *
 * Nothing in this file ever calls back into your code except the body
 * of the generator being resumed.  Not thread-safe: one generator is
 * resumed by one thread at a time.
 */
#ifndef GEN_H
#define GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"

/* ---------------------------------------------------------------- */
/* Step 1: a generator written by hand as a state machine           */
/* ---------------------------------------------------------------- */

/*
 *     def fibo(n):
 *         a, b = 0, 1
 *         while b < n:
 *             a, b = b, a + b
 *             yield a
 *
 * The same function as an explicit state machine: each state names a
 * place the function can be in between two calls.
 */
enum fibo_sm_state {
    FIBO_START,       /* created; nothing has run yet */
    FIBO_YIELDED,     /* paused right after `yield a` */
    FIBO_DONE,        /* the loop ended; every later call finds nothing */
};

struct fibo_sm {
    enum fibo_sm_state state;  /* where the function is */
    long long n;               /* the argument: stop before this bound */
    long long a, b;            /* the locals that must survive a yield */
};

/* Set sm up as `fibo(n)` before its first call.  Given in gen.c. */
void fibo_sm_init(struct fibo_sm *sm, long long n);

/*
 * fibo_sm_next - run sm until its next `yield a`.
 *
 * Returns 1 and stores the yielded number in *out, or returns 0 (leaving
 * *out alone) once the loop has ended, and 0 again on every later call.
 * Fails with CO_EINVAL if sm or out is NULL.
 */
int fibo_sm_next(struct fibo_sm *sm, long long *out);

/* ---------------------------------------------------------------- */
/* Step 2: the generator object and its protocol                    */
/* ---------------------------------------------------------------- */

/* inspect.getgeneratorstate(g), one for one. */
enum gen_state {
    GEN_CREATED,    /* made, body never entered */
    GEN_RUNNING,    /* its body is executing right now */
    GEN_SUSPENDED,  /* paused at a yield */
    GEN_CLOSED,     /* finished: returned, raised, or closed */
};

/* What a body tells gen.c each time it returns (the macros say it). */
enum gen_step {
    GEN_STEP_YIELD,   /* paused: g->value is the yielded value */
    GEN_STEP_RETURN,  /* finished: g->value is the return value */
    GEN_STEP_RAISE,   /* an exception escaped: g->exc holds it */
};

/* The outcome of a resume, see the top of this file. */
enum gen_outcome {
    GEN_YIELDED = 1,
    GEN_RAISED  = 2,
};

struct gen;

/* A generator body: called once per resume with the generator and its
 * frame.  Written with the GEN_* macros, never called directly. */
typedef enum gen_step gen_body_fn(struct gen *g, void *frame);

/*
 * A generator.  Its fields are public so that you can see the whole
 * mechanism, but only gen.c and the macros write them.
 * Invariants (checked by gen_check):
 *   - resume_point == 0 while CREATED; != 0 while SUSPENDED;
 *   - thrown is true only while a resume is being delivered;
 *   - delegate is non-NULL only while the body runs a GEN_YIELD_FROM
 *     (lab02); the generator owns it.
 * delegated, delegator and leaf serve lab02's reference, which resumes the
 * innermost generator of a chain of delegations directly (lab02's README,
 * "The shortcut"); a lab02 that does not set them never sees them used.
 * Its bytes (x86-64), 112 in all: state, thrown and delegated share a
 * word with the resume point (8), body, name (16), sent, value (32),
 * exc (40), delegate (8), delegator or leaf (8).  The frame follows in
 * the same allocation, at gen_frame(g): a generator with a 16-byte frame
 * is one 128-byte block.  (Until lab04 the struct held a pointer to its
 * frame and one more word of padding.)
 */
struct gen {
    uint8_t state;          /* enum gen_state */
    bool thrown;            /* the current resume is a throw: exc is to be raised at the yield */
    bool delegated;         /* lab02: yf_start made this generator another's delegate */
    int resume_point;       /* 0 = start of body; else __LINE__ of the paused yield */
    gen_body_fn *body;      /* the code; borrowed */
    const char *name;       /* for messages and traces; borrowed, never NULL */
    struct co_value sent;   /* what the current resume delivers (none for next/throw) */
    struct co_value value;  /* what the body yielded or returned */
    struct co_exc exc;      /* thrown in (when `thrown`), or raised out of the body */
    struct gen *delegate;   /* lab02: the subgenerator being delegated to; owned */
    union {                 /* lab02, borrowed; which one: `delegated` says */
        struct gen *delegator;  /* delegated: the generator whose delegate this is */
        struct gen *leaf;       /* not: the innermost generator of the chain below,
                                 * a cache (NULL: not known) */
    };
};

/*
 * gen_new - make a generator running `body` with a zeroed frame of
 * frame_size bytes (0 is fine), in state GEN_CREATED.  The body does not
 * run yet.  Fill in the frame (gen_frame) with the arguments before the
 * first resume.  `name` is borrowed (use a string literal) and shows up
 * in messages; NULL means "gen".
 *
 * Returns the generator, owned by the caller (gen_free), or NULL if body
 * is NULL or memory ran out.
 */
struct gen *gen_new(const char *name, gen_body_fn *body, size_t frame_size);

/* The frame gen_new allocated for g (never NULL for a valid g): it
 * follows struct gen in the same block, aligned for any value a frame
 * holds (8 bytes: pointers, long long, double), so it costs no pointer. */
void *gen_frame(struct gen *g);

/* The state of g, as inspect.getgeneratorstate().  Usually g->state; but
 * a generator suspended at a `yield from` inside another's delegation
 * (g->delegated) is RUNNING while the innermost generator of its
 * chain runs, whether or not the resume passed through g's body. */
enum gen_state gen_state(const struct gen *g);

/* "GEN_CREATED", "GEN_RUNNING", ... as Python spells them. */
const char *gen_state_name(enum gen_state state);

/*
 * gen_send - resume g, delivering `value` as the result of the yield it is
 * paused at (Python: g.send(value)).  Borrows g.
 *
 * A just-created generator starts its body from the top; it may only be
 * sent none (Python needs a first next() to reach the first yield).
 *
 * Returns GEN_YIELDED (*out = yielded value, g is SUSPENDED) or
 * GEN_RAISED (*exc = the exception, g is CLOSED; a normal return raises
 * StopIteration whose value is the return value; a body that raises
 * StopIteration itself gets RuntimeError "generator raised StopIteration"
 * instead, raised from it (its cause, co_exc_from), as PEP 479 says).
 * Fails, changing nothing in g, with:
 *   CO_EINVAL  g, out or exc is NULL; or g is CREATED and value is not
 *              none (*exc = TypeError, as Python raises);
 *   CO_ESTATE  g is RUNNING: a body resumed its own generator
 *              (*exc = ValueError "generator already executing");
 *   CO_EDONE   g is CLOSED (*exc = StopIteration with no value).
 */
int gen_send(struct gen *g, struct co_value value, struct co_value *out,
             struct co_exc *exc);

/* gen_next - Python's next(g): gen_send(g, co_none(), out, exc). */
int gen_next(struct gen *g, struct co_value *out, struct co_exc *exc);

/*
 * gen_throw - raise *thrown inside g at the yield it is paused at
 * (Python: g.throw(exc)).  The body may catch it (GEN_TRY_YIELD) and go
 * on to yield again, return, or raise.  Borrows g and thrown.
 *
 * Returns GEN_YIELDED or GEN_RAISED as gen_send.  A CREATED generator
 * never runs: it closes and the exception comes straight back
 * (GEN_RAISED), except that a StopIteration becomes RuntimeError
 * "generator raised StopIteration" whose cause (__cause__, co_exc_from) is
 * the StopIteration, as PEP 479 says and CPython does.  Fails,
 * changing nothing in g, with CO_EINVAL (a NULL argument; or
 * thrown->kind is CO_EXC_NONE, Python's g.throw(None): *exc = TypeError
 * "exceptions must be classes or instances deriving from BaseException,
 * not NoneType"), CO_ESTATE (RUNNING, *exc = ValueError) or CO_EDONE
 * (CLOSED: Python re-raises the thrown exception, so *exc = *thrown).
 */
int gen_throw(struct gen *g, const struct co_exc *thrown,
              struct co_value *out, struct co_exc *exc);

/*
 * gen_close - finish g (Python: g.close()).  Borrows g.
 *
 * CREATED or CLOSED: g becomes (stays) CLOSED; the body never runs.
 * SUSPENDED: GeneratorExit is thrown in at the yield.  If the body lets
 * it escape, or returns, g is CLOSED and all is well.  (A StopIteration
 * the body raises is not a return: PEP 479 makes it RuntimeError, which
 * is passed on like any other exception.)
 *
 * Returns CO_OK when g is now closed and nothing escaped.  Returns
 * GEN_RAISED with *exc set when:
 *   - the body yielded instead of exiting: RuntimeError "generator
 *     ignored GeneratorExit", and g stays SUSPENDED (as in Python);
 *   - the body raised some other exception: that one, and g is CLOSED.
 * exc may be NULL if you do not care why.  Fails with CO_EINVAL (g NULL)
 * or CO_ESTATE (g RUNNING; *exc = ValueError).
 */
int gen_close(struct gen *g, struct co_exc *exc);

/*
 * gen_free - close g if it is SUSPENDED, then free it, its frame and its
 * delegate (if any).  An exception escaping that close cannot be raised
 * anywhere, so it is printed to stderr as "Exception ignored in ...",
 * as Python does.  NULL is a no-op returning CO_OK.
 *
 * Fails with CO_ESTATE (and frees nothing) if g is RUNNING.
 */
int gen_free(struct gen *g);

/* "GEN_YIELDED", "GEN_RAISED", or the co_err name of a refusal: for
 * printing what a resume returned. */
static inline const char *gen_outcome_name(int r)
{
    return r == GEN_YIELDED ? "GEN_YIELDED"
         : r == GEN_RAISED ? "GEN_RAISED" : co_errname(r);
}

/* gen_check - 1 if g's invariants (above struct gen) hold, else 0.
 * (The ASan build asserts it after every resume.) */
int gen_check(const struct gen *g);

/* gen_check_why - NULL if gen_check holds, else which invariant broke,
 * e.g. "fibo: state GEN_SUSPENDED but resume_point is 0 ...", written
 * into buf (n > 0 bytes). */
const char *gen_check_why(const struct gen *g, char *buf, size_t n);

/* ---------------------------------------------------------------- */
/* Inside a body                                                    */
/* ---------------------------------------------------------------- */

/* What the current resume sent in: `x = yield v` is
 *     GEN_YIELD(g, v);  f->x = gen_sent(g);
 * none after next() and on the first resume. */
static inline struct co_value gen_sent(const struct gen *g)
{
    return g->sent;
}

/* Open the body: jump to where the last resume stopped.  A resume point
 * that matches no yield means the frame or generator was corrupted. */
#define GEN_BEGIN(g)                                                   \
    switch ((g)->resume_point) {                                       \
    default:                                                           \
        GEN_RAISE((g), CO_RUNTIME_ERROR, "%s: corrupt resume point %d", \
                  (g)->name, (g)->resume_point);                       \
    case 0:

/*
 * Yield v to the caller; control comes back here at the next resume.
 * If that resume was a throw, the exception is raised right here (it
 * leaves the body, as an uncaught exception would).
 */
#define GEN_YIELD(g, v)                                                \
    do {                                                               \
        (g)->value = (v);                                              \
        (g)->resume_point = __LINE__;                                  \
        return GEN_STEP_YIELD;        /* control goes to the caller */ \
    case __LINE__:                    /* ...and comes back here */     \
        if ((g)->thrown)                                               \
            return GEN_STEP_RAISE;    /* not caught: it escapes */     \
        (g)->exc.kind = CO_EXC_NONE;  /* nothing is being handled */   \
    } while (0)

/*
 * Yield v like GEN_YIELD, but catch whatever the next resume throws in:
 * it is stored in `caught` (a struct co_exc lvalue, best kept in the
 * frame); caught.kind is CO_EXC_NONE when nothing was thrown.  Python:
 *     try:
 *         x = yield v
 *     except Exception as caught: ...
 */
#define GEN_TRY_YIELD(g, v, caught)                                    \
    do {                                                               \
        (g)->value = (v);                                              \
        (g)->resume_point = __LINE__;                                  \
        return GEN_STEP_YIELD;                                         \
    case __LINE__:                                                     \
        if ((g)->thrown) {                                             \
            (caught) = (g)->exc;      /* g->exc: being handled now */  \
            (g)->thrown = false;          /* handled here */           \
        } else {                                                       \
            (caught).kind = CO_EXC_NONE;                               \
            (g)->exc.kind = CO_EXC_NONE;                               \
        }                                                              \
    } while (0)

/* Finish with return value v: the caller gets StopIteration(v). */
#define GEN_RETURN(g, v)                                               \
    do {                                                               \
        (g)->value = (v);                                              \
        return GEN_STEP_RETURN;                                        \
    } while (0)

/* Raise an exception out of the body: GEN_RAISE(g, CO_VALUE_ERROR,
 * "bad %s", what).  The generator is closed afterwards.
 * Context (Python's __context__): an exception raised while another is
 * being handled keeps it.  Here "being handled" is g->exc between the
 * catch (GEN_TRY_YIELD, GEN_TRY_YIELD_FROM put the caught exception
 * there) and the next yield: raise in that stretch and the new exception
 * gets the caught one as its context; re-raising the caught one itself
 * adds nothing (co_exc_raised_while). */
#define GEN_RAISE(g, kind, ...)                                        \
    do {                                                               \
        (g)->exc = co_exc_raised_while(co_exc_make((kind), __VA_ARGS__), \
                                       &(g)->exc);                     \
        return GEN_STEP_RAISE;                                         \
    } while (0)

/* Raise an exception you already have (re-raise what you caught). */
#define GEN_RERAISE(g, exception)                                      \
    do {                                                               \
        (g)->exc = co_exc_raised_while((exception), &(g)->exc);        \
        return GEN_STEP_RAISE;                                         \
    } while (0)

/* Close the body.  Falling off the end returns none, as in Python. */
#define GEN_END(g)                                                     \
    }                                                                  \
    GEN_RETURN((g), co_none())

/* ---------------------------------------------------------------- */
/* Step 3: generators written with the macros                       */
/* ---------------------------------------------------------------- */

/* fibo(n) again, now as a generator object: yields 1, 1, 2, 3, ... below
 * n as CO_INT values, then returns none.  NULL if memory ran out. */
struct gen *fibo_new(long long n);

/*
 * The seed's "lifecycle" generator:
 *     def generator():
 *         i = "started"         -- here: i = first (the examples pass "started")
 *         while True:
 *             try:
 *                 value = yield i
 *             except ValueError:
 *                 print("Over")         -- here: counts in frame->overs
 *             i = value
 * It yields `first`, then each value sent to it; a thrown ValueError is
 * caught (and counted) and the last value is yielded again (None if
 * nothing was sent yet, where the seed's Python raises UnboundLocalError:
 * DIFFERENCES.md); any other exception escapes.  frame is struct
 * lifecycle_frame.
 */
struct lifecycle_frame {
    struct co_value i;       /* what the next yield gives */
    struct co_value value;   /* the last value sent in */
    struct co_exc caught;    /* what the last resume threw, if anything */
    int overs;               /* how many ValueErrors were caught */
};
struct gen *lifecycle_new(struct co_value first);

#endif
