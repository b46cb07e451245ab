/*
 * loop.c - YOUR FILE for lab03: an event loop.
 *
 * Read README.md first; loop.h is the contract of every function here.
 * Each TODO says which step of the handout it belongs to and which tests
 * check it.  Until you write it, a TODO returns CO_ENOSYS (or NULL, or
 * does nothing), so its tests fail with a message instead of crashing.
 *
 * Given, in loop_given.c (compiled in with this file; do not copy it
 * here): the handle allocator of loop_given.h (loop_handle_new,
 * loop_handle_release, loop_handle_is_io, loop_drop_everything),
 * loop_init, loop_destroy, loop_time, loop_is_running, loop_is_closed,
 * and the "looking inside" functions with loop_check.
 */
#include "loop.h"
#include "loop_given.h"

#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "co_trace.h"

/* Marks the skeleton's helpers that nothing calls yet, so that the file
 * compiles (-Werror) before you use them.  Remove it once you do. */
#define NOT_YET_USED __attribute__((unused))

/* ---- Step 1 (Part A): the round-robin of generators ---------------- */

int loop_round_robin(struct gen *const gens[], size_t n, struct co_exc *exc)
{
    (void)gens;
    (void)n;
    (void)exc;
    /* LAB 3.1: check every argument first (nothing may run if one is
     * bad).  Copy the array (malloc): it is the caller's.  Then, round
     * after round, gen_next each live generator in order: GEN_YIELDED
     * keeps it; StopIteration (or CO_EDONE: it was closed already) drops
     * it; any other exception: store it in *exc, return GEN_RAISED at
     * once.  Compact the live ones in place, keeping their order.
     * Checked by check_round_robin.c. */
    return CO_ENOSYS;
}

/* ---- Step 2: the ready queue, a ring buffer ------------------------- */

/* Append h.  O(1); when full (count == cap), allocate twice the slots
 * (16 the first time), copy the entries in queue order to the start of
 * the new array, set head = 0, free the old one.  CO_OK or CO_ENOMEM. */
static NOT_YET_USED int ring_push(struct loop_ring *q, struct loop_handle *h)
{
    (void)q;
    (void)h;
    /* LAB 3.2: entry i lives in q->slots[(q->head + i) & (q->cap - 1)]
     * (cap is a power of two, so `& (cap - 1)` is `% cap`). */
    return CO_ENOSYS;
}

/* Remove and return the oldest entry; the queue must not be empty.  O(1). */
static NOT_YET_USED struct loop_handle *ring_pop(struct loop_ring *q)
{
    (void)q;
    /* LAB 3.2: take slots[head], advance head (wrapping), count--. */
    return NULL;
}

int loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg,
                   struct loop_handle **out)
{
    (void)loop;
    (void)fn;
    (void)arg;
    (void)out;
    /* LAB 3.2: refuse NULLs (CO_EINVAL) and a closed loop (CO_ECLOSED);
     * h = loop_handle_new(loop, LOOP_HANDLE_SOON, fn, arg) (state READY);
     * ring_push it onto loop->ready (on failure release it: CO_ENOMEM);
     * *out = h if out is not NULL.  Checked by check_ready.c "call_soon". */
    return CO_ENOSYS;
}

/* ---- Steps 2, 4, 6: one iteration ----------------------------------- */

int loop_run_once(struct loop *loop)
{
    (void)loop;
    /* LAB 3.2, then 3.4 and 3.6: asyncio's _run_once (loop.h, top).
     * Refuse NULL, a closed loop (CO_ECLOSED) and a running one
     * (CO_ESTATE); set loop->running for the duration.  Then:
     *   1. (3.4) drop cancelled timers from the top of the heap (and
     *      rebuild the heap without them when more than half of more
     *      than 100 timers are cancelled);
     *   2. timeout: 0 if a callback is ready or the loop is stopping;
     *      else until the first timer; else (3.6) until a descriptor is
     *      ready; else nothing can ever happen: return 0 at once;
     *   2b. wait: on LOOP_CLOCK_VIRTUAL never sleep: (3.6: poll the
     *      descriptors with timeout 0, and if none is ready) set
     *      loop->now to the first timer's `when`; on the real clock
     *      (3.6) poll() for that long (round the timeout UP to whole ms);
     *   3. (3.6) queue the reader/writer of every ready descriptor;
     *   4. (3.4) move every due timer (when <= loop_time) to the ready
     *      queue, earliest first; drop the cancelled ones;
     *   5. (3.2) ntodo = the queue's length NOW; pop and call that many:
     *      a cancelled one is just released; a called one is released
     *      after its callback returns (a reader/writer that is still
     *      registered goes back to LOOP_HANDLE_IDLE instead).
     * Return the number of callbacks called.  Checked by every suite. */
    return CO_ENOSYS;
}

/* ---- Step 3: cancelling --------------------------------------------- */

int loop_handle_cancel(struct loop_handle *h)
{
    (void)h;
    /* LAB 3.3: refuse NULL and reader/writer handles (CO_EINVAL); a
     * handle already cancelled: CO_ECANCELLED; a running one: CO_EDONE.
     * Otherwise just set h->cancelled (lazy deletion: nothing moves) and,
     * for a timer still in the heap (state SCHEDULED), count it in
     * h->loop->timers_cancelled.  The loop drops cancelled handles when
     * it reaches them (run_once).  Checked by check_ready.c "cancel" and
     * check_timers.c "cancelled timers". */
    return CO_ENOSYS;
}

/* ---- Step 4: the timers, a binary min-heap -------------------------- */

int loop_handle_before(const struct loop_handle *a, const struct loop_handle *b)
{
    (void)a;
    (void)b;
    /* LAB 3.4: earlier `when` first; equal `when`: smaller `seq` first.
     * Checked by check_timers.c "ordering". */
    return 0;
}

/* Add h to the heap: append it at slots[count], then swap it with its
 * parent ((i - 1) / 2) while it comes before the parent.  Grow the array
 * (realloc, doubling) when full.  O(log n).  CO_OK or CO_ENOMEM. */
static NOT_YET_USED int heap_push(struct loop_heap *hp, struct loop_handle *h)
{
    (void)hp;
    (void)h;
    /* LAB 3.4 */
    return CO_ENOSYS;
}

/* Remove and return slots[0] (the heap must not be empty): move the
 * last slot to the top and let it sink, swapping it with its earlier
 * child (2i + 1 or 2i + 2) while that child comes before it.  O(log n). */
static NOT_YET_USED struct loop_handle *heap_pop(struct loop_heap *hp)
{
    (void)hp;
    /* LAB 3.4 */
    return NULL;
}

int loop_call_at(struct loop *loop, double when, loop_callback_fn *fn,
                 void *arg, struct loop_handle **out)
{
    (void)loop;
    (void)when;
    (void)fn;
    (void)arg;
    (void)out;
    /* LAB 3.4: like call_soon, but refuse a `when` that is not finite
     * (isfinite), make a LOOP_HANDLE_TIMER with h->when = when and state
     * LOOP_HANDLE_SCHEDULED, and heap_push it onto loop->timers.
     * Checked by check_timers.c. */
    return CO_ENOSYS;
}

int loop_call_later(struct loop *loop, double delay, loop_callback_fn *fn,
                    void *arg, struct loop_handle **out)
{
    (void)loop;
    (void)delay;
    (void)fn;
    (void)arg;
    (void)out;
    /* LAB 3.4: refuse a NaN or infinite delay (CO_EINVAL; a negative one
     * is fine, see loop.h), then loop_call_at(loop, loop_time(loop)
     * + delay, ...).  Checked by check_timers.c. */
    return CO_ENOSYS;
}

/* ---- Step 5: run_forever, stop, close -------------------------------- */

int loop_run_forever(struct loop *loop)
{
    (void)loop;
    /* LAB 3.5: refuse as run_once does; then run iterations until one
     * ends with loop->stopping set (CO_OK) or with nothing left that
     * could ever run (CO_EDONE).  On the way out clear stopping and
     * running.  Checked by check_run.c. */
    return CO_ENOSYS;
}

void loop_stop(struct loop *loop)
{
    (void)loop;
    /* LAB 3.5: one line.  Checked by check_run.c. */
}

int loop_close(struct loop *loop)
{
    (void)loop;
    /* LAB 3.5: refuse NULL (CO_EINVAL) and a running loop (CO_ESTATE);
     * a closed loop: CO_OK; else loop_drop_everything and mark it closed.
     * Checked by check_run.c "close". */
    return CO_ENOSYS;
}

/* ---- Step 6 (Part C): watching descriptors -------------------------- */

int loop_add_reader(struct loop *loop, int fd, loop_callback_fn *fn, void *arg)
{
    (void)loop;
    (void)fd;
    (void)fn;
    (void)arg;
    /* LAB 3.6: refuse NULLs, fd < 0 and a descriptor that is not open
     * (fcntl(fd, F_GETFD) == -1) with CO_EINVAL, a closed loop with
     * CO_ECLOSED.  Find fd's entry in loop->io (or append one, growing io
     * and pollfds together); make a LOOP_HANDLE_READER handle (fd set,
     * state IDLE) and put it in the entry, unregistering the reader it
     * replaces.  Unregistering: set cancelled; release it now if IDLE,
     * else (READY or RUNNING) run_once releases it when it gets there.
     * Checked by check_io.c. */
    return CO_ENOSYS;
}

int loop_add_writer(struct loop *loop, int fd, loop_callback_fn *fn, void *arg)
{
    (void)loop;
    (void)fd;
    (void)fn;
    (void)arg;
    /* LAB 3.6: as loop_add_reader, for the entry's writer (share the code). */
    return CO_ENOSYS;
}

int loop_remove_reader(struct loop *loop, int fd)
{
    (void)loop;
    (void)fd;
    /* LAB 3.6: unregister fd's reader and return 1, or return 0 if there
     * was none (or the loop is closed).  An entry left with neither a
     * reader nor a writer leaves the table (move the last entry into its
     * place).  Checked by check_io.c "registration". */
    return CO_ENOSYS;
}

int loop_remove_writer(struct loop *loop, int fd)
{
    (void)loop;
    (void)fd;
    /* LAB 3.6: as loop_remove_reader, for the writer. */
    return CO_ENOSYS;
}

/* ---- Step 7 (Part C): generators driven by the loop ------------------ */

int loop_spawn(struct loop *loop, struct loop_runner *r, struct gen *g,
               loop_done_fn *done, void *arg)
{
    (void)loop;
    (void)r;
    (void)g;
    (void)done;
    (void)arg;
    /* LAB 3.7: refuse as loop.h says, then fill *r and queue its first
     * step with loop_call_soon(loop, runner_step, r, &r->step), where
     * runner_step is a static callback of yours that:
     *   - forgets r->step, and removes the reader/writer it waited on;
     *   - resumes the generator (gen_next, or gen_throw of r->throw_in);
     *   - GEN_YIELDED: looks at what was yielded (co_none, or a
     *     struct loop_request behind a CO_PTR) and schedules itself again
     *     with call_soon, call_later or add_reader/add_writer, noting in
     *     r what it waits for; anything it cannot do becomes
     *     r->throw_in = RuntimeError and a call_soon;
     *   - otherwise: r->finished, r->result, and done(loop, r, arg).
     * Checked by check_spawn.c. */
    return CO_ENOSYS;
}
