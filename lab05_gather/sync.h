/*
 * sync - queues, semaphores and locks for coroutines (asyncio.Queue,
 * Semaphore, Lock), and the async protocols (async for, async with).
 *
 * One mechanism serves all three: a coroutine that cannot go on (the
 * queue is empty, the semaphore at 0, the lock held) puts a future of its
 * own frame at the end of a FIFO of waiters and awaits it; whoever makes
 * room sets the first waiter that is not done yet.  The woken coroutine
 * then checks again (another may have come first).  A waiter cancelled
 * while it waits takes its future out of the FIFO; one cancelled after it
 * was woken passes the wake-up on, so no wake-up is lost.
 *
 *     async def worker(q):                 static enum gen_step worker_body(struct gen *g, void *frame)
 *         item = await q.get()             {   ...
 *         ...                                  TASK_AWAIT_GEN(g, queue_get(f->q), f->item);
 *         q.task_done()                        queue_task_done(f->q, &g->exc);
 *
 * "Coroutines never need locks" (the seeds) holds only between awaits:
 * one step of a coroutine runs alone, but `x = v; await ...; v = x + 1`
 * lets every other task run at the await (README.md, Step 5).
 *
 * Your file is sync.c.  The waiter FIFO (struct waiters) and the
 * exception kinds are given (sync_given.c).  Not thread-safe.
 */
#ifndef SYNC_H
#define SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "co_err.h"
#include "co_exc.h"
#include "future.h"
#include "gen.h"
#include "loop.h"
#include "task.h"

/* ---- given: the FIFO of waiting futures -------------------------------- */

struct waiters {
    struct future **v;   /* a ring: v[(head + i) % cap], i < n */
    size_t head, n, cap;
};
/* Append fut (CO_OK, CO_ENOMEM). */
int waiters_push(struct waiters *w, struct future *fut);
/* Take fut out wherever it is (1), or 0 if it is not there. */
int waiters_remove(struct waiters *w, struct future *fut);
/* Set the result of the first waiter that is not done to `v`, taking it
 * (and the done ones before it) off the FIFO; 1 if one was woken, else 0. */
int waiters_wake_next(struct waiters *w, struct co_value v);
/* The number of waiters not cancelled. */
size_t waiters_live(const struct waiters *w);
void waiters_free(struct waiters *w);

/* asyncio.QueueFull and asyncio.QueueEmpty (subclasses of Exception). */
enum co_exc_kind queue_full_kind(void);
enum co_exc_kind queue_empty_kind(void);

/* ---------------------------------------------------------------- */
/* Step 4: Queue                                                      */
/* ---------------------------------------------------------------- */

/*
 * A FIFO queue of co_values, bounded by maxsize (0: unbounded).
 * Invariants: count <= maxsize when maxsize > 0; getters wait only while
 * the queue is empty, putters only while it is full (or have been woken).
 */
struct queue {
    struct loop *loop;
    size_t maxsize;
    struct co_value *items;     /* ring: items[(head + i) % cap], i < count */
    size_t head, count, cap;
    struct waiters getters, putters, joiners;
    size_t unfinished;          /* put and not task_done'd */
};

/* queue_init / queue_destroy: an empty queue of loop; the caller owns *q.
 * CO_EINVAL for NULLs.  destroy: CO_ESTATE while someone waits on it. */
int queue_init(struct queue *q, struct loop *loop, size_t maxsize);
int queue_destroy(struct queue *q);
size_t queue_size(const struct queue *q);
bool queue_empty(const struct queue *q);
bool queue_full(const struct queue *q);   /* never with maxsize 0 */

/* q.put_nowait(v): CO_OK, or GEN_RAISED with *exc = QueueFull.  Counts an
 * unfinished item and wakes the first getter. */
int queue_put_nowait(struct queue *q, struct co_value v, struct co_exc *exc);
/* q.get_nowait(): CO_OK with *out, or GEN_RAISED with *exc = QueueEmpty.
 * Wakes the first putter. */
int queue_get_nowait(struct queue *q, struct co_value *out, struct co_exc *exc);
/* Coroutines: `await q.put(v)` waits while the queue is full; `v = await
 * q.get()` while it is empty.  Cancelled while waiting, they leave the
 * queue as it was.  NULL if memory ran out. */
struct gen *queue_put(struct queue *q, struct co_value v);
struct gen *queue_get(struct queue *q);
/* q.task_done(): CO_OK; GEN_RAISED with ValueError "task_done() called
 * too many times" when nothing is unfinished. */
int queue_task_done(struct queue *q, struct co_exc *exc);
/* `await q.join()`: returns once every item put has been task_done'd. */
struct gen *queue_join(struct queue *q);

/* ---------------------------------------------------------------- */
/* Step 5: Semaphore and Lock                                          */
/* ---------------------------------------------------------------- */

/* asyncio.Semaphore(value): at most `value` holders at a time. */
struct sem {
    struct loop *loop;
    long value;
    struct waiters waiters;
};
/* CO_EINVAL for NULLs or value < 0 (ValueError in asyncio). */
int sem_init(struct sem *s, struct loop *loop, long value);
int sem_destroy(struct sem *s);     /* CO_ESTATE while someone waits */
/* sem.locked(): value is 0, or a waiter not cancelled is queued. */
bool sem_locked(const struct sem *s);
/* `await sem.acquire()`: returns true (co_int(1)) once it holds it; FIFO. */
struct gen *sem_acquire(struct sem *s);
/* sem.release(): value + 1, and the first waiter is woken. */
void sem_release(struct sem *s);

/* asyncio.Lock: a semaphore of 1 that only a holder may release. */
struct lock {
    struct loop *loop;
    bool locked;
    struct waiters waiters;
};
int lock_init(struct lock *l, struct loop *loop);
int lock_destroy(struct lock *l);   /* CO_ESTATE while someone waits */
bool lock_locked(const struct lock *l);
struct gen *lock_acquire(struct lock *l);
/* lock.release(): CO_OK; CO_ESTATE with *exc = RuntimeError "Lock is not
 * acquired." when it is not held (exc may be NULL). */
int lock_release(struct lock *l, struct co_exc *exc);

/* ---- the async protocols, as C: steps that are awaitable -------------

 * `async with cm as x: body` is, as CPython runs it:
 *     x = await cm.__aenter__()
 *     try: body
 *     except BaseException as e:
 *         if not await cm.__aexit__(type(e), e, tb): raise
 *     else: await cm.__aexit__(None, None, None)
 * `async for x in it: body` is:
 *     while True:
 *         try: x = await it.__anext__()
 *         except StopAsyncIteration: break
 *         body
 * Both are awaits of coroutines: the C analogue is a table of functions
 * that make those coroutines (examples/async_with.c, async_for.c). */
struct acm_ops {
    struct gen *(*aenter)(void *self);
    /* exc: what the body raised, or NULL; the coroutine returns true
     * (co_int(1)) to swallow it. */
    struct gen *(*aexit)(void *self, const struct co_exc *exc);
};
struct aiter_ops {
    struct gen *(*anext)(void *self);   /* raises StopAsyncIteration at the end */
};
/* `async with sem:` (given: acquire, then release). */
extern const struct acm_ops sem_acm;

#endif
