/*
 * co_testkit - the helpers and checks every lab's tests share: resuming a
 * generator and checking what came back, its state, the skeleton's TODO
 * hint, and the heap in use.  (co_check.h has the assertions and the
 * test program's main; this is what the labs' suites build on it.)
 *
 * The checks are macros so that a failure points at the line of the test
 * that failed.  Each calls a why_*() function that returns NULL when all
 * is well, or the message for the student (co_why's buffer).
 */
#ifndef CO_TESTKIT_H
#define CO_TESTKIT_H

#include <stddef.h>

#include "co_check.h"
#include "gen.h"

/* " (this is the skeleton's TODO: write it)" when r is CO_ENOSYS, or when
 * r is GEN_RAISED with an exception whose message names a TODO (lab02's
 * delegation macros raise one); else "".  exc may be NULL. */
const char *todo_hint(int r, const struct co_exc *exc);

/* The call `expr` must return CO_OK (the message ends with the trace so
 * far, when there is one). */
#define EXPECT_OK(expr) CO_EXPECT(why_not_ok((expr), #expr))
const char *why_not_ok(int r, const char *expr);

/* ---- the trace: what ran, in order (lab03 and later) ----------------- */

/* A test's record of what its callbacks and coroutines did, one word each
 * ("a b x@2.5"), compared as one string so that a failure shows the whole
 * story.  Words beyond its 8 KB are dropped.  A test calls them by the
 * short names below (macros: the library's symbols keep the co_ prefix). */
void co_test_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *co_test_trace_text(void);    /* "" when nothing ran */
void co_test_trace_reset(void);          /* forget it (the labs' setup_loop does) */
#define trace(...) co_test_trace(__VA_ARGS__)
#define trace_text() co_test_trace_text()
#define trace_reset() co_test_trace_reset()

/* The trace must read `want`; situation says what was run. */
#define expect_trace(want, situation) CO_EXPECT(co_why_not_trace((want), (situation)))
const char *co_why_not_trace(const char *want, const char *situation);

/* ---- generators ------------------------------------------------------ */

/* `made` must not be NULL; the test stops if it is. */
#define NEW_GEN(call) new_gen_or_fail((call), #call)
struct gen *new_gen_or_fail(struct gen *made, const char *expr);

/* An exception of `kind` with no message, to throw in. */
struct co_exc exc_of(enum co_exc_kind kind);

/* One resume and what came back. */
struct step {
    int r;                  /* GEN_YIELDED, GEN_RAISED or a co_err code */
    struct co_value out;    /* meaningful after GEN_YIELDED */
    struct co_exc exc;      /* meaningful otherwise */
};

/* Resume g and keep what came back.  step_throw throws `kind` with the
 * message "thrown by the test". */
struct step step_next(struct gen *g);
struct step step_send(struct gen *g, struct co_value v);
struct step step_throw(struct gen *g, enum co_exc_kind kind);

/* A step from a resume the test made itself: r = gen_...(g, ..., &out, &exc). */
struct step step_of(int r, struct co_value out, const struct co_exc *exc);

/* The resume must have yielded `want`. */
#define expect_yielded(st, want, situation) \
    CO_EXPECT(why_not_yielded((st), (want), (situation)))
const char *why_not_yielded(struct step st, struct co_value want, const char *situation);

/* ...must have raised an exception of `kind`. */
#define expect_raised(st, kind, situation) \
    CO_EXPECT(why_not_raised((st), (kind), (situation)))
const char *why_not_raised(struct step st, enum co_exc_kind kind, const char *situation);

/* ...must have finished: StopIteration carrying `retval`. */
#define expect_stopped(st, retval, situation) \
    CO_EXPECT(why_not_stopped((st), (retval), (situation)))
const char *why_not_stopped(struct step st, struct co_value retval, const char *situation);

/* The exception must have been raised `from` an exception of `kind`
 * carrying `value` (Python: its __cause__), as PEP 479's RuntimeError is
 * from the StopIteration. */
#define expect_caused_by(exc, kind, value, situation) \
    CO_EXPECT(why_not_caused_by((exc), (kind), (value), (situation)))
const char *why_not_caused_by(const struct co_exc *exc, enum co_exc_kind kind,
                              struct co_value value, const char *situation);

/* g must be in state `want`. */
#define expect_state(g, want, situation) \
    CO_EXPECT(why_not_state((g), (want), (situation)))
const char *why_not_state(const struct gen *g, enum gen_state want,
                          const char *situation);

/* gen_check(g) must hold; the message says which invariant broke. */
#define expect_gen_check(g, situation) CO_EXPECT(why_not_gen_check((g), (situation)))
const char *why_not_gen_check(const struct gen *g, const char *situation);

/* ---- memory ------------------------------------------------------------ */

/* Bytes the C library currently has handed out (0 under ASan, which keeps
 * its own books and checks leaks itself).  glibc keeps up to 7 freed
 * blocks of each small size in a per-thread cache that still counts as
 * in use, and calloc never takes them back: heap_in_use_warm fills that
 * cache first, so that what it returns is a steady starting point. */
size_t heap_in_use(void);
size_t heap_in_use_warm(void);

/* The heap in use must be back at `before`, give or take `slack` bytes
 * (valgrind, in `make test`, checks for exact leaks); `hint` says where a
 * leak most likely is. */
#define expect_heap(before, slack, situation, hint) \
    CO_EXPECT(why_heap_grew((before), (slack), (situation), (hint)))
const char *why_heap_grew(size_t before, size_t slack, const char *situation,
                          const char *hint);

/* ---- stderr, caught --------------------------------------------------- */

/* capture_begin() sends stderr into a pipe; capture_end() restores it and
 * returns what was written (at most 4 KB), valid until the next capture. */
void capture_begin(void);
const char *capture_end(void);

/* ---- a speed part's workload (grader/README.md, "The speed part") ------ */

/* The operations the grader asks for (CORO_SPEED_OPS; 0: doing nothing,
 * to time the program's start); fails the test unless it is set and a
 * multiple of `multiple`. */
long long co_speed_ops(long long multiple);

/* The suite "speed" of one workload test, timed out only after 60 s. */
Suite *co_speed_suite(const TTest *test);

#endif
