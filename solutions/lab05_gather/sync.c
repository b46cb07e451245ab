/*
 * sync.c - reference solution of lab05, part B: Queue, Semaphore, Lock.
 * Each waiting coroutine owns a future in its frame, queued on a FIFO
 * of waiters (given: sync_given.c); see sync.h for the rules.
 */
#include "sync.h"

#include <stdlib.h>

/* ---- Step 4: Queue --------------------------------------------------- */

int queue_init(struct queue *q, struct loop *loop, size_t maxsize)
{
    if (!q || !loop)
        return CO_EINVAL;
    *q = (struct queue){ .loop = loop, .maxsize = maxsize };
    return CO_OK;
}

int queue_destroy(struct queue *q)
{
    if (!q)
        return CO_EINVAL;
    if (waiters_live(&q->getters) || waiters_live(&q->putters) || waiters_live(&q->joiners))
        return CO_ESTATE;
    waiters_free(&q->getters);
    waiters_free(&q->putters);
    waiters_free(&q->joiners);
    free(q->items);
    q->items = NULL;
    q->count = q->cap = 0;
    return CO_OK;
}

size_t queue_size(const struct queue *q)
{
    return q->count;
}

bool queue_empty(const struct queue *q)
{
    return q->count == 0;
}

bool queue_full(const struct queue *q)
{
    return q->maxsize > 0 && q->count >= q->maxsize;
}

int queue_put_nowait(struct queue *q, struct co_value v, struct co_exc *exc)
{
    if (!q || !exc)
        return CO_EINVAL;
    if (queue_full(q)) {
        *exc = co_exc_make(queue_full_kind(), NULL);
        return GEN_RAISED;
    }
    if (q->count == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 8;
        struct co_value *items = malloc(cap * sizeof *items);

        if (!items)
            return CO_ENOMEM;
        for (size_t i = 0; i < q->count; i++)
            items[i] = q->items[(q->head + i) % q->cap];
        free(q->items);
        q->items = items;
        q->cap = cap;
        q->head = 0;
    }
    q->items[(q->head + q->count++) % q->cap] = v;
    q->unfinished++;
    waiters_wake_next(&q->getters, co_none());
    return CO_OK;
}

int queue_get_nowait(struct queue *q, struct co_value *out, struct co_exc *exc)
{
    if (!q || !out || !exc)
        return CO_EINVAL;
    if (q->count == 0) {
        *exc = co_exc_make(queue_empty_kind(), NULL);
        return GEN_RAISED;
    }
    *out = q->items[q->head];
    q->head = (q->head + 1) % q->cap;
    q->count--;
    waiters_wake_next(&q->putters, co_none());
    return CO_OK;
}

/* put and get: wait on a future of the frame while the queue says no. */
struct qwait_frame {
    struct queue *q;
    struct co_value v;
    struct future waiter;
    struct co_value r;
    struct co_exc caught;
};

/* After the await: take the waiter out; if we were woken but are leaving
 * with an exception, and what we were woken for is still there, hand the
 * wake-up to the next one (CPython 3.11's Queue.get and put: a waiter
 * cancelled before anyone woke it wakes nobody). */
static void qwait_leave(struct qwait_frame *f, struct waiters *w, bool can_go_on)
{
    bool woken = future_done(&f->waiter) && !future_cancelled(&f->waiter);

    if (!woken)                      /* waking took it off already: no search */
        waiters_remove(w, &f->waiter);
    if (f->caught.kind != CO_EXC_NONE && woken && can_go_on)
        waiters_wake_next(w, co_none());
    future_destroy(&f->waiter);
}

static enum gen_step put_body(struct gen *g, void *frame)
{
    struct qwait_frame *f = frame;

    GEN_BEGIN(g);
    while (queue_full(f->q)) {
        future_init(&f->waiter, f->q->loop);
        if (waiters_push(&f->q->putters, &f->waiter) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "queue: out of memory");
        TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
        qwait_leave(f, &f->q->putters, !queue_full(f->q));
        if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
    }
    if (queue_put_nowait(f->q, f->v, &g->exc) != CO_OK)
        return GEN_STEP_RAISE;
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static enum gen_step get_body(struct gen *g, void *frame)
{
    struct qwait_frame *f = frame;

    GEN_BEGIN(g);
    while (queue_empty(f->q)) {
        future_init(&f->waiter, f->q->loop);
        if (waiters_push(&f->q->getters, &f->waiter) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "queue: out of memory");
        TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
        qwait_leave(f, &f->q->getters, !queue_empty(f->q));
        if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
    }
    if (queue_get_nowait(f->q, &f->r, &g->exc) != CO_OK)
        return GEN_STEP_RAISE;
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

static struct gen *qwait_new(const char *name, gen_body_fn *body, struct queue *q,
                             struct co_value v)
{
    struct gen *g;
    struct qwait_frame *f;

    if (!q || !(g = gen_new(name, body, sizeof(struct qwait_frame))))
        return NULL;
    f = gen_frame(g);                /* zeroed by gen_new: set what is not 0 */
    f->q = q;
    f->v = v;
    return g;
}

struct gen *queue_put(struct queue *q, struct co_value v)
{
    return qwait_new("put", put_body, q, v);
}

struct gen *queue_get(struct queue *q)
{
    return qwait_new("get", get_body, q, co_none());
}

int queue_task_done(struct queue *q, struct co_exc *exc)
{
    if (!q || !exc)
        return CO_EINVAL;
    if (q->unfinished == 0) {
        *exc = co_exc_make(CO_VALUE_ERROR, "task_done() called too many times");
        return GEN_RAISED;
    }
    if (--q->unfinished == 0)
        while (waiters_wake_next(&q->joiners, co_none()))
            ;
    return CO_OK;
}

static enum gen_step join_body(struct gen *g, void *frame)
{
    struct qwait_frame *f = frame;

    GEN_BEGIN(g);
    if (f->q->unfinished > 0) {
        future_init(&f->waiter, f->q->loop);
        if (waiters_push(&f->q->joiners, &f->waiter) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "queue: out of memory");
        TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
        if (!future_done(&f->waiter) || future_cancelled(&f->waiter))
            waiters_remove(&f->q->joiners, &f->waiter);   /* not woken: still there */
        future_destroy(&f->waiter);
        if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

struct gen *queue_join(struct queue *q)
{
    return qwait_new("join", join_body, q, co_none());
}

/* ---- Step 5: Semaphore ----------------------------------------------- */

int sem_init(struct sem *s, struct loop *loop, long value)
{
    if (!s || !loop || value < 0)
        return CO_EINVAL;
    *s = (struct sem){ .loop = loop, .value = value };
    return CO_OK;
}

int sem_destroy(struct sem *s)
{
    if (!s)
        return CO_EINVAL;
    if (waiters_live(&s->waiters))
        return CO_ESTATE;
    waiters_free(&s->waiters);
    return CO_OK;
}

bool sem_locked(const struct sem *s)
{
    return s->value == 0 || waiters_live(&s->waiters) > 0;
}

/* 3.11's _wake_up_next: the first waiter not done takes one unit. */
static void sem_wake_up_next(struct sem *s)
{
    if (s->value > 0 && waiters_wake_next(&s->waiters, co_int(1)))
        s->value--;
}

/* The frame of an acquire that may wait: its future in the queue of
 * waiters, what the await gave, what it raised.  One each for Semaphore
 * and Lock, so that the frame holds its owner by its own type. */
#define ACQUIRE_FRAME(name, type)   \
    struct name {                   \
        type *obj;                  \
        struct future waiter;       \
        struct co_value r;          \
        struct co_exc caught;       \
    }
ACQUIRE_FRAME(sem_wait_frame, struct sem);
ACQUIRE_FRAME(lock_wait_frame, struct lock);

static enum gen_step sem_acquire_body(struct gen *g, void *frame)
{
    struct sem_wait_frame *f = frame;
    struct sem *s = f->obj;
    bool woken;

    GEN_BEGIN(g);
    if (!sem_locked(s)) {
        s->value--;
        GEN_RETURN(g, co_int(1));
    }
    future_init(&f->waiter, s->loop);
    if (waiters_push(&s->waiters, &f->waiter) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "semaphore: out of memory");
    TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
    s = f->obj;
    woken = future_done(&f->waiter) && !future_cancelled(&f->waiter);
    if (!woken)                      /* waking took it off already: no search */
        waiters_remove(&s->waiters, &f->waiter);
    future_destroy(&f->waiter);
    if (f->caught.kind != CO_EXC_NONE) {
        if (woken) {                 /* it had given us a unit: pass it on */
            s->value++;
            sem_wake_up_next(s);
        }
        GEN_RERAISE(g, f->caught);
    }
    if (s->value > 0)
        sem_wake_up_next(s);
    GEN_RETURN(g, co_int(1));
    GEN_END(g);
}

struct gen *sem_acquire(struct sem *s)
{
    struct gen *g;

    if (!s || !(g = gen_new("acquire", sem_acquire_body, sizeof(struct sem_wait_frame))))
        return NULL;
    ((struct sem_wait_frame *)gen_frame(g))->obj = s;
    return g;
}

void sem_release(struct sem *s)
{
    s->value++;
    sem_wake_up_next(s);
}

/* ---- Step 5: Lock ------------------------------------------------------ */

int lock_init(struct lock *l, struct loop *loop)
{
    if (!l || !loop)
        return CO_EINVAL;
    *l = (struct lock){ .loop = loop };
    return CO_OK;
}

int lock_destroy(struct lock *l)
{
    if (!l)
        return CO_EINVAL;
    if (waiters_live(&l->waiters))
        return CO_ESTATE;
    waiters_free(&l->waiters);
    return CO_OK;
}

bool lock_locked(const struct lock *l)
{
    return l->locked;
}

static enum gen_step lock_acquire_body(struct gen *g, void *frame)
{
    struct lock_wait_frame *f = frame;
    struct lock *l = f->obj;

    GEN_BEGIN(g);
    if (!l->locked && waiters_live(&l->waiters) == 0) {
        l->locked = true;
        GEN_RETURN(g, co_int(1));
    }
    future_init(&f->waiter, l->loop);
    if (waiters_push(&l->waiters, &f->waiter) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "lock: out of memory");
    TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
    l = f->obj;
    waiters_remove(&l->waiters, &f->waiter);
    future_destroy(&f->waiter);
    if (f->caught.kind != CO_EXC_NONE) {
        if (!l->locked)              /* wake the next one in our place */
            waiters_wake_next(&l->waiters, co_int(1));
        GEN_RERAISE(g, f->caught);
    }
    l->locked = true;
    GEN_RETURN(g, co_int(1));
    GEN_END(g);
}

struct gen *lock_acquire(struct lock *l)
{
    struct gen *g;

    if (!l || !(g = gen_new("acquire", lock_acquire_body, sizeof(struct lock_wait_frame))))
        return NULL;
    ((struct lock_wait_frame *)gen_frame(g))->obj = l;
    return g;
}

int lock_release(struct lock *l, struct co_exc *exc)
{
    if (!l)
        return CO_EINVAL;
    if (!l->locked) {
        if (exc)
            *exc = co_exc_make(CO_RUNTIME_ERROR, "Lock is not acquired.");
        return CO_ESTATE;
    }
    l->locked = false;
    /* _wake_up_first: only the first; it may be cancelled already */
    if (l->waiters.n > 0) {
        struct future *first = l->waiters.v[l->waiters.head];
        if (!future_done(first))
            future_set_result(first, co_int(1), NULL);
    }
    return CO_OK;
}
