/*
 * sync.c - lab05, part B: Queue, Semaphore, Lock.  Your file.
 *
 * A coroutine that must wait puts a future of its own frame on a FIFO of
 * waiters (struct waiters, given) and awaits it (TASK_TRY_AWAIT); see
 * sync.h for the rules about cancellation.
 */
#include "sync.h"

#include <stdlib.h>

/* ---- Step 4: Queue --------------------------------------------------- */

int queue_init(struct queue *q, struct loop *loop, size_t maxsize)
{
    /* LAB 5.4: an empty queue.  Checked by check_queue.c. */
    (void)q; (void)loop; (void)maxsize;
    return CO_ENOSYS;
}

int queue_destroy(struct queue *q)
{
    /* LAB 5.4 */
    (void)q;
    return CO_ENOSYS;
}

size_t queue_size(const struct queue *q)
{
    /* LAB 5.4 */
    (void)q;
    return 0;
}

bool queue_empty(const struct queue *q)
{
    /* LAB 5.4 */
    (void)q;
    return false;
}

bool queue_full(const struct queue *q)
{
    /* LAB 5.4 */
    (void)q;
    return false;
}

int queue_put_nowait(struct queue *q, struct co_value v, struct co_exc *exc)
{
    /* LAB 5.4: QueueFull, or append, count it unfinished, wake the first
     * getter.  Checked by check_queue.c. */
    (void)q; (void)v; (void)exc;
    return CO_ENOSYS;
}

int queue_get_nowait(struct queue *q, struct co_value *out, struct co_exc *exc)
{
    /* LAB 5.4: QueueEmpty, or take the oldest and wake the first putter. */
    (void)q; (void)out; (void)exc;
    return CO_ENOSYS;
}

struct gen *queue_put(struct queue *q, struct co_value v)
{
    /* LAB 5.4: a coroutine: while full, wait on a putter future; then
     * put_nowait.  Checked by check_queue.c. */
    (void)q; (void)v;
    return NULL;
}

struct gen *queue_get(struct queue *q)
{
    /* LAB 5.4: a coroutine: while empty, wait on a getter future; then
     * get_nowait.  Checked by check_queue.c. */
    (void)q;
    return NULL;
}

int queue_task_done(struct queue *q, struct co_exc *exc)
{
    /* LAB 5.4 */
    (void)q; (void)exc;
    return CO_ENOSYS;
}

struct gen *queue_join(struct queue *q)
{
    /* LAB 5.4: a coroutine that waits while items are unfinished. */
    (void)q;
    return NULL;
}

/* ---- Step 5: Semaphore and Lock --------------------------------------- */

int sem_init(struct sem *s, struct loop *loop, long value)
{
    /* LAB 5.5: Checked by check_lock.c. */
    (void)s; (void)loop; (void)value;
    return CO_ENOSYS;
}

int sem_destroy(struct sem *s)
{
    /* LAB 5.5 */
    (void)s;
    return CO_ENOSYS;
}

bool sem_locked(const struct sem *s)
{
    /* LAB 5.5 */
    (void)s;
    return false;
}

struct gen *sem_acquire(struct sem *s)
{
    /* LAB 5.5: a coroutine: take a unit, or wait (FIFO); a waiter that
     * is cancelled after it was given a unit gives it back.  Checked by
     * check_lock.c. */
    (void)s;
    return NULL;
}

void sem_release(struct sem *s)
{
    /* LAB 5.5 */
    (void)s;
}

int lock_init(struct lock *l, struct loop *loop)
{
    /* LAB 5.5 */
    (void)l; (void)loop;
    return CO_ENOSYS;
}

int lock_destroy(struct lock *l)
{
    /* LAB 5.5 */
    (void)l;
    return CO_ENOSYS;
}

bool lock_locked(const struct lock *l)
{
    /* LAB 5.5 */
    (void)l;
    return false;
}

struct gen *lock_acquire(struct lock *l)
{
    /* LAB 5.5: a coroutine, as sem_acquire with one unit. */
    (void)l;
    return NULL;
}

int lock_release(struct lock *l, struct co_exc *exc)
{
    /* LAB 5.5: RuntimeError "Lock is not acquired." when it is not held. */
    (void)l; (void)exc;
    return CO_ENOSYS;
}
