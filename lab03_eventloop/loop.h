/*
 * loop - an event loop: one thread, many things waiting, run in turn.
 *
 * A generator (lab01) can stop in the middle and be resumed later.  An
 * event loop is the thing that decides *who* is resumed *when*.  It keeps
 * three kinds of waiting work and runs it in iterations:
 *
 *   - the ready queue: callbacks to call as soon as possible, first in
 *     first out (asyncio's call_soon);
 *   - the timers: callbacks to call at a time on the loop's clock, kept
 *     in a binary min-heap so that the next one is always on top
 *     (call_later, call_at);
 *   - the file descriptors: callbacks to call when a descriptor becomes
 *     readable or writable (add_reader, add_writer), watched with poll().
 *
 * One iteration (loop_run_once) is asyncio's BaseEventLoop._run_once:
 *
 *   1. drop cancelled timers from the top of the heap;
 *   2. wait: not at all if callbacks are ready (or the loop is stopping),
 *      else until the nearest timer, else until a descriptor is ready;
 *   3. queue the callbacks of the ready descriptors;
 *   4. queue the timers that are due, earliest first;
 *   5. call the callbacks that are queued *now*, in order.  Anything they
 *      schedule waits for the next iteration.
 *
 * The file has three parts, one per part of the lab:
 *   Part A  the tutorial's round-robin of generators (no loop yet);
 *   Part B  the callback loop: handles, ready queue, timers, clocks,
 *           run_once / run_forever / stop / close;
 *   Part C  I/O readiness, and generators that yield requests ("sleep
 *           1 s", "wait until fd 5 is readable") which the loop carries
 *           out and then resumes them: the bridge to lab04's tasks.
 *
 * Ground rules (each has a reason):
 *   1. The loop owns every handle.  The pointer a scheduling call gives
 *      you is a *claim check*: valid until the callback has returned or
 *      until you cancelled the handle, whichever comes first, and not a
 *      moment longer (the loop recycles handles).  So whoever keeps a
 *      handle pointer must forget it in its callback and when cancelling.
 *   2. Nothing here calls your callbacks except loop_run_once (and
 *      loop_run_forever, which calls it).  Scheduling never runs anything
 *      inline; a failed call never runs the callback it was given.
 *   3. Ties are deterministic: timers due at the same time fire in the
 *      order they were scheduled.  (asyncio leaves that undefined; we
 *      promise it so that every run prints the same trace.)
 *   4. One thread.  A loop is used by the thread that runs it, and its
 *      callbacks run on that thread.
 *
 * Two clocks.  LOOP_CLOCK_MONOTONIC is real time (CLOCK_MONOTONIC, as
 * asyncio's loop.time()): waiting for a timer really sleeps, in poll().
 * LOOP_CLOCK_VIRTUAL starts at 0.0 and stands still while anything can
 * run; when nothing is ready and no descriptor is ready *right now*, it
 * jumps straight to the next timer.  A program that "sleeps" for an hour
 * on the virtual clock finishes in microseconds, identically every run:
 * the tests and the examples use it.
 */
#ifndef LOOP_H
#define LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "co_err.h"
#include "co_exc.h"
#include "co_value.h"
#include "gen.h"

/* ---------------------------------------------------------------- */
/* Part A: the tutorial's round-robin of generators                 */
/* ---------------------------------------------------------------- */

/*
 * loop_round_robin - the seed's scheduler, before there is any loop:
 *
 *     task_list = [task_01(), task_02()]
 *     while task_list:
 *         for g in task_list.copy():
 *             try:
 *                 next(g)
 *             except StopIteration:
 *                 task_list.remove(g)
 *
 * Calls gen_next on gens[0], gens[1], ..., gens[n-1], then again from the
 * start, round after round, leaving out each generator once it has
 * finished (StopIteration), until every one has.  A generator that is
 * already CLOSED counts as finished (Python's next() raises StopIteration
 * for it too).  Borrows the generators and the array; never frees them.
 *
 * Returns CO_OK once every generator has finished.  If another exception
 * escapes a generator, the scheduler stops right there, as the Python
 * loop would, and returns GEN_RAISED with *exc = that exception (the
 * generators after it in the round are not resumed).  A negative code
 * from gen_next other than CO_EDONE (CO_ESTATE: a body ran the scheduler
 * on its own generator) is returned as it is.
 * Fails with CO_EINVAL if exc is NULL, gens is NULL while n > 0, or an
 * element is NULL (checked before anything runs); CO_ENOMEM.
 */
int loop_round_robin(struct gen *const gens[], size_t n, struct co_exc *exc);

/* ---------------------------------------------------------------- */
/* Part B: handles, the ready queue, timers and the clocks          */
/* ---------------------------------------------------------------- */

struct loop;
struct loop_handle;
struct pollfd;

/* A callback: what call_soon, call_later, call_at, add_reader and
 * add_writer call.  It gets the loop that calls it and your arg, and may
 * call any loop function except loop_run_once / loop_run_forever /
 * loop_close / loop_destroy (those refuse with CO_ESTATE). */
typedef void loop_callback_fn(struct loop *loop, void *arg);

enum loop_clock {
    LOOP_CLOCK_MONOTONIC,  /* real time: CLOCK_MONOTONIC, in seconds */
    LOOP_CLOCK_VIRTUAL,    /* starts at 0.0; jumps to the next timer when idle */
};

/* Where a handle came from. */
enum loop_handle_kind {
    LOOP_HANDLE_SOON,      /* loop_call_soon */
    LOOP_HANDLE_TIMER,     /* loop_call_later / loop_call_at */
    LOOP_HANDLE_READER,    /* loop_add_reader */
    LOOP_HANDLE_WRITER,    /* loop_add_writer */
};

/* Where a handle is now.  Moves:
 *   soon:   READY -> RUNNING -> (recycled)
 *   timer:  SCHEDULED -> READY -> RUNNING -> (recycled)
 *   I/O:    IDLE -> READY -> RUNNING -> IDLE ... until removed
 * A cancelled handle stays where it is until the loop reaches it, and is
 * then recycled without running. */
enum loop_handle_state {
    LOOP_HANDLE_SPARE,      /* not in use: on the loop's spare list */
    LOOP_HANDLE_READY,      /* in the ready queue */
    LOOP_HANDLE_SCHEDULED,  /* a timer in the heap, not due yet */
    LOOP_HANDLE_RUNNING,    /* its callback is running right now */
    LOOP_HANDLE_IDLE,       /* a reader/writer waiting for its descriptor */
};

/*
 * A handle: one scheduled call of fn(loop, arg).  Fields are public so
 * that you (and the shell's playground) can see the mechanism; only
 * loop.c writes them, except `name`, which you may set right after
 * scheduling.
 * Invariants (checked by loop_check):
 *   - state READY: the handle is in the ready queue exactly once;
 *   - state SCHEDULED: the handle is in the timer heap, kind TIMER;
 *   - state IDLE: kind READER or WRITER, registered for fd, not cancelled;
 *   - cancelled handles are never called.
 * Its bytes (x86-64): 56, so that malloc's block is 64 (a million
 * queued callbacks hold 64 MB): the five words, kind, state and the
 * cancelled flag in one byte each beside fd, and one word that is the
 * name while the handle is in use and the spare list's link once it is
 * not (a spare handle has no name).
 */
struct loop_handle {
    loop_callback_fn *fn;       /* what to call; borrowed */
    void *arg;                  /* its argument; borrowed, never touched */
    struct loop *loop;          /* the loop that owns this handle */
    double when;                /* TIMER: due time on the loop's clock; else 0 */
    unsigned long long seq;     /* scheduling order, unique per loop: breaks ties */
    uint8_t kind;               /* enum loop_handle_kind */
    uint8_t state;              /* enum loop_handle_state */
    bool cancelled;             /* will never run; dropped when the loop reaches it */
    int fd;                     /* READER/WRITER: the descriptor; else -1 */
    union {
        const char *name;       /* in use: for the shell and traces; borrowed, may be NULL */
        struct loop_handle *next;  /* SPARE: the next spare handle */
    };
};

/* The ready queue: a FIFO ring buffer of handle pointers.  Entry i (0 =
 * the oldest) is slots[(head + i) & (cap - 1)].  Push and pop are O(1);
 * growing doubles cap and copies the entries in order (amortised O(1)). */
struct loop_ring {
    struct loop_handle **slots;  /* cap entries; NULL until the first push */
    size_t cap;                  /* 0, or a power of two */
    size_t head;                 /* index of the oldest entry */
    size_t count;                /* entries in use */
};

/* The timers: a binary min-heap of handle pointers ordered by
 * loop_handle_before (earlier `when` first, then smaller `seq`).
 * slots[0] is the next timer; the children of slot i are 2i+1 and 2i+2,
 * and no child comes before its parent.  Push and pop are O(log n). */
struct loop_heap {
    struct loop_handle **slots;  /* cap entries; NULL until the first push */
    size_t cap;                  /* allocated slots */
    size_t count;                /* slots in use: slots[0 .. count) */
};

/* One watched descriptor: its reader and writer handles (NULL if none). */
struct loop_io {
    int fd;                      /* the descriptor */
    struct loop_handle *reader;  /* kind READER, or NULL */
    struct loop_handle *writer;  /* kind WRITER, or NULL */
};

/*
 * The loop.  Storage is yours (loop_init / loop_destroy); the contents
 * are the loop's.
 * Invariants (checked by loop_check):
 *   - every handle in ready is READY, every handle in timers SCHEDULED;
 *   - timers is a heap, and timers_cancelled counts its cancelled entries;
 *   - every io entry has a reader or a writer (or both), and no fd twice;
 *   - a closed loop holds no handle at all.
 */
struct loop {
    enum loop_clock clock;       /* which clock loop_time reads */
    double now;                  /* VIRTUAL: the current time; MONOTONIC: unused */
    unsigned long long seq;      /* the next handle's seq */
    struct loop_ring ready;      /* callbacks to run in the next iteration */
    struct loop_heap timers;     /* call_later / call_at handles */
    size_t timers_cancelled;     /* cancelled handles still in timers */
    struct loop_io *io;          /* watched descriptors, io[0 .. n_io), any order */
    size_t n_io;                 /* entries in use */
    size_t cap_io;               /* entries allocated, in io and in pollfds */
    struct pollfd *pollfds;      /* scratch array for poll(), cap_io entries */
    bool running;                /* inside loop_run_once (or run_forever) */
    bool stopping;               /* loop_stop was called; run_forever ends after this iteration */
    bool closed;                 /* loop_close was called */
    struct loop_handle *spare;   /* recycled handles, linked by ->next */
    size_t n_spare;              /* how many; at most LOOP_SPARE_MAX */
    size_t n_handles;            /* handles in use (not spare): 0 when all is done */
};

/* Spare handles a loop keeps for reuse: enough that call_soon in a
 * steady state never calls malloc, few enough that a burst of a million
 * timers gives its memory back. */
#define LOOP_SPARE_MAX 1024

/*
 * loop_init - make *loop an empty, open, idle loop on `clock`.  Allocates
 * nothing yet (the arrays grow on first use).  The virtual clock starts
 * at 0.0.  Returns CO_OK; CO_EINVAL if loop is NULL or clock unknown.
 */
int loop_init(struct loop *loop, enum loop_clock clock);

/*
 * loop_destroy - close the loop if it is open (dropping every handle
 * without calling it) and free all its memory.  *loop may then be freed
 * or initialised again.  NULL is a no-op returning CO_OK.
 * Fails with CO_ESTATE, freeing nothing, while the loop is running.
 */
int loop_destroy(struct loop *loop);

/*
 * loop_time - the loop's clock, in seconds (asyncio's loop.time()):
 * CLOCK_MONOTONIC read now, or the virtual time.  Works on a closed loop.
 */
double loop_time(const struct loop *loop);

/*
 * loop_call_soon - queue fn(loop, arg) at the end of the ready queue: it
 * runs in the next iteration, after everything queued before it (FIFO).
 * Called from a callback, it never runs in the current iteration.
 * O(1) (amortised: the ring doubles when full).
 *
 * If out is not NULL, *out = the handle (ground rule 1 says for how long
 * it is valid).  Returns CO_OK.  Fails, scheduling nothing and leaving
 * *out alone, with CO_EINVAL (loop or fn NULL), CO_ECLOSED (the loop is
 * closed) or CO_ENOMEM.
 */
int loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg,
                   struct loop_handle **out);

/*
 * loop_call_at - schedule fn(loop, arg) for time `when` on the loop's
 * clock.  It runs in the first iteration that finds `when <= loop_time()`,
 * after the callbacks already ready in that iteration.  Timers due at the
 * same time run in the order they were scheduled.  A time in the past is
 * fine: it runs in the next iteration.  O(log n) in the number of timers.
 *
 * *out (if out is not NULL) as loop_call_soon.  Fails with CO_EINVAL
 * (NULL loop or fn; when is NaN or infinite), CO_ECLOSED or CO_ENOMEM.
 */
int loop_call_at(struct loop *loop, double when, loop_callback_fn *fn,
                 void *arg, struct loop_handle **out);

/*
 * loop_call_later - loop_call_at(loop, loop_time(loop) + delay, ...).
 * A negative delay is a deadline in the past, as in asyncio: it runs in
 * the next iteration, ordered by its deadline like any other timer
 * (call_later(-2, b) runs before call_later(-1, a), and both before a
 * call_later(0, c) made earlier).  Fails as loop_call_at (so a NaN or
 * infinite delay is CO_EINVAL).
 */
int loop_call_later(struct loop *loop, double delay, loop_callback_fn *fn,
                    void *arg, struct loop_handle **out);

/*
 * loop_handle_cancel - make sure h's callback never runs (asyncio's
 * Handle.cancel()).  The others are not disturbed: everything else runs
 * in the same order as before.  A cancelled timer stays in the heap until
 * it reaches the top or until cancelled timers are more than half of a
 * heap of more than 100 (then the heap is rebuilt without them), as in
 * asyncio.  After a successful cancel, forget h (ground rule 1).
 *
 * Returns CO_OK.  Fails with CO_EINVAL (h NULL, or a reader/writer handle:
 * use loop_remove_reader/writer), CO_EDONE (h's callback is running right
 * now: too late, the call goes on) or CO_ECANCELLED (h was cancelled
 * already and the loop has not reached it yet; once it has, h is gone).
 * O(1).
 */
int loop_handle_cancel(struct loop_handle *h);

/*
 * loop_run_once - run one iteration (see the top of this file).  It waits
 * (sleeps in poll() on the real clock; jumps on the virtual one) only when
 * no callback is ready and the loop is not stopping.  If nothing at all
 * is scheduled (no ready callback, no timer, no descriptor), it returns
 * at once: asyncio would wait forever, which in one thread can only hang.
 *
 * Returns the number of callbacks it called (>= 0).  Fails with CO_EINVAL
 * (NULL), CO_ECLOSED, or CO_ESTATE (the loop is already running: a
 * callback called it).
 */
int loop_run_once(struct loop *loop);

/*
 * loop_run_forever - run iterations until loop_stop is called; stop lets
 * the current iteration finish (every callback already queued for it
 * still runs), then run_forever returns.  If loop_stop was called before,
 * exactly one iteration runs.  The stop request is used up when it
 * returns, so the loop can run again.
 *
 * Returns CO_OK after a stop.  Returns CO_EDONE if an iteration ends with
 * nothing left that could ever run (no ready callback, no live timer, no
 * descriptor) and no stop: asyncio would wait forever; we return, so that
 * a forgotten stop fails a test instead of hanging it.  Fails with
 * CO_EINVAL, CO_ECLOSED, or CO_ESTATE (already running).
 */
int loop_run_forever(struct loop *loop);

/*
 * loop_stop - ask a running loop to stop after the current iteration
 * (or a loop that is not running to run just one iteration the next time
 * run_forever is called).  Runs nothing.  NULL is ignored.
 */
void loop_stop(struct loop *loop);

/*
 * loop_close - close the loop for good: drop every queued callback, timer
 * and descriptor without calling them (every handle pointer you hold is
 * now invalid), and refuse every later scheduling call with CO_ECLOSED.
 * Closing a closed loop does nothing.  The memory stays until
 * loop_destroy.  Returns CO_OK.  Fails with CO_EINVAL (NULL) or CO_ESTATE
 * (the loop is running: asyncio's "Cannot close a running event loop").
 */
int loop_close(struct loop *loop);

/* asyncio's loop.is_running() / loop.is_closed(). */
bool loop_is_running(const struct loop *loop);
bool loop_is_closed(const struct loop *loop);

/* The order of the timer heap: 1 if a fires before b (earlier `when`;
 * equal `when`: smaller `seq`, i.e. scheduled first), else 0. */
int loop_handle_before(const struct loop_handle *a, const struct loop_handle *b);

/* ---- looking inside (the shell's playground uses these) ---------- */

/* Handles in the ready queue, cancelled ones included (they are dropped
 * when the loop reaches them).  O(1). */
size_t loop_ready_count(const struct loop *loop);

/* The i-th handle of the ready queue (0 = runs first), or NULL if
 * i >= loop_ready_count().  The handle is the loop's: look, don't touch. */
const struct loop_handle *loop_ready_at(const struct loop *loop, size_t i);

/* Timers in the heap, cancelled ones included.  O(1). */
size_t loop_timer_count(const struct loop *loop);

/* The timer in heap slot i (slot 0 fires first; the others are in heap
 * order, not sorted: sort a copy with loop_handle_before), or NULL if
 * i >= loop_timer_count(). */
const struct loop_handle *loop_timer_at(const struct loop *loop, size_t i);

/* Watched descriptors, and the i-th of them (any order), or NULL. */
size_t loop_io_count(const struct loop *loop);
const struct loop_io *loop_io_at(const struct loop *loop, size_t i);

/* Handles the loop holds (queued, scheduled, registered or running): 0
 * once everything has run, been cancelled and been dropped. */
size_t loop_handles_in_use(const struct loop *loop);

/* loop_check - 1 if loop's invariants (above struct loop and struct
 * loop_handle) hold, else 0.  O(n) in everything the loop holds: for
 * tests and debugging (the ASan build asserts it after every iteration). */
int loop_check(const struct loop *loop);

/* loop_check_why - NULL if loop_check holds, else which invariant broke
 * and where (the first bad entry), e.g. "ready queue: entry 2 (slot 1) is
 * in state RUNNING, expected READY", written into buf (n > 0 bytes). */
const char *loop_check_why(const struct loop *loop, char *buf, size_t n);

/* ---------------------------------------------------------------- */
/* Part C: waiting for file descriptors                             */
/* ---------------------------------------------------------------- */

/*
 * loop_add_reader - call fn(loop, arg) in every iteration in which fd is
 * readable (data to read, end of file, or an error to collect: read()
 * would not block), until loop_remove_reader(fd).  Level-triggered, as
 * asyncio: if you do not read, it runs again in the next iteration.
 * A reader already registered for fd is replaced, and never runs again
 * (not even if it was about to run in this iteration).
 * Watched with poll(): each iteration costs O(number of descriptors).
 *
 * Returns CO_OK.  Fails with CO_EINVAL (NULL loop or fn, fd negative or
 * not open), CO_ECLOSED or CO_ENOMEM.
 */
int loop_add_reader(struct loop *loop, int fd, loop_callback_fn *fn, void *arg);

/* As loop_add_reader, for "writable" (write() would not block). */
int loop_add_writer(struct loop *loop, int fd, loop_callback_fn *fn, void *arg);

/*
 * loop_remove_reader - stop watching fd for reading.  Its callback never
 * runs again, not even if it was queued for this iteration.  Returns 1
 * if a reader was registered, 0 if not (also on a closed loop); CO_EINVAL
 * if loop is NULL.
 */
int loop_remove_reader(struct loop *loop, int fd);

/* As loop_remove_reader, for the writer. */
int loop_remove_writer(struct loop *loop, int fd);

/* ---- generators driven by the loop: the bridge to lab04 --------- */

/* What a generator driven by the loop waits for. */
enum loop_wait {
    LOOP_WAIT_NOTHING,   /* not waiting: its next step is queued (or it runs or has finished) */
    LOOP_WAIT_SLEEP,     /* until a time (a timer) */
    LOOP_WAIT_READABLE,  /* until fd is readable (a reader) */
    LOOP_WAIT_WRITABLE,  /* until fd is writable (a writer) */
};

/* A request, yielded as co_ptr(&request) by a generator that the loop
 * drives.  Keep it in the generator's frame: the loop reads it right
 * after the yield.  Build it with the three functions below. */
struct loop_request {
    enum loop_wait what;  /* SLEEP, READABLE or WRITABLE */
    double seconds;       /* SLEEP: how long */
    int fd;               /* READABLE / WRITABLE: the descriptor; else -1 */
};

/* In a body:  GEN_YIELD(g, loop_sleep(&f->req, 1.5));   -- await asyncio.sleep(1.5) */
static inline struct co_value loop_sleep(struct loop_request *req, double seconds)
{
    req->what = LOOP_WAIT_SLEEP;
    req->seconds = seconds;
    req->fd = -1;
    return co_ptr(req);
}

/* In a body:  GEN_YIELD(g, loop_readable(&f->req, fd));  then read(fd, ...) */
static inline struct co_value loop_readable(struct loop_request *req, int fd)
{
    req->what = LOOP_WAIT_READABLE;
    req->seconds = 0;
    req->fd = fd;
    return co_ptr(req);
}

/* In a body:  GEN_YIELD(g, loop_writable(&f->req, fd));  then write(fd, ...) */
static inline struct co_value loop_writable(struct loop_request *req, int fd)
{
    req->what = LOOP_WAIT_WRITABLE;
    req->seconds = 0;
    req->fd = fd;
    return co_ptr(req);
}

struct loop_runner;

/* Called once when a driven generator has finished; r->result says how.
 * The loop never touches r (or r->gen) after this returns: you may free
 * both in here. */
typedef void loop_done_fn(struct loop *loop, struct loop_runner *r, void *arg);

/*
 * A generator being driven by the loop (what lab04 will call a task).
 * Storage is yours; loop_spawn fills it; only loop.c writes it.
 */
struct loop_runner {
    struct loop *loop;           /* the loop driving it; borrowed */
    struct gen *gen;             /* the generator; borrowed, must outlive the run */
    loop_done_fn *done;          /* called once at the end, or NULL */
    void *arg;                   /* done's argument */
    enum loop_wait waiting;      /* what it waits for right now */
    int fd;                      /* READABLE/WRITABLE: the descriptor; else -1 */
    double wake;                 /* SLEEP: the time it wakes up */
    struct loop_handle *step;    /* its next step when that is a call_soon or a
                                    timer (claim check, rule 1); else NULL */
    struct co_exc throw_in;      /* thrown in at the next step (a bad yield), or none */
    unsigned long steps;         /* how many times the loop resumed it */
    bool finished;               /* it has returned or raised */
    struct co_exc result;        /* once finished: StopIteration(return value),
                                    or the exception that escaped */
};

/*
 * loop_spawn - drive generator g on the loop, one step at a time (the
 * first step runs in the next iteration, queued like call_soon).  A step
 * is gen_next(g); what g yields says when the next step runs:
 *
 *   yield co_none()                 next iteration (a bare `yield`, asyncio.sleep(0))
 *   yield loop_sleep(&req, t)       t seconds later (t <= 0: next iteration)
 *   yield loop_readable(&req, fd)   once fd is readable (then the reader is removed)
 *   yield loop_writable(&req, fd)   once fd is writable (then the writer is removed)
 *
 * The step runs right inside the timer or reader callback.  Anything else
 * yielded (or a request the loop cannot carry out, such as a bad fd) is
 * answered as asyncio answers "Task got bad yield": a RuntimeError thrown
 * into g at its yield, in the next iteration.  Only one generator may
 * wait on a given fd and direction (a second replaces the first, as
 * add_reader does).
 *
 * When g returns or raises, r->finished is set, r->result holds
 * StopIteration(return value) or the exception, and done(loop, r, arg)
 * is called.  A step whose gen_next (or gen_throw) refuses with an error
 * code ends the run the same way, with r->result = the *exc that call
 * set: g was closed behind the loop's back (CO_EDONE: StopIteration with
 * no value, as Python's next() raises for a finished generator) or is
 * running (CO_ESTATE: ValueError).  The loop never resumes g again.  If the loop is closed first, the run just ends: done is
 * never called, g stays as it is (gen_free closes it).
 *
 * Returns CO_OK.  Fails, changing nothing, with CO_EINVAL (NULL loop, r
 * or g), CO_ESTATE (g is running or closed), CO_ECLOSED or CO_ENOMEM.
 */
int loop_spawn(struct loop *loop, struct loop_runner *r, struct gen *g,
               loop_done_fn *done, void *arg);

#endif
