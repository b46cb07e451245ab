/*
 * sync_given.c - the part of lab05 you do not write: the waiter FIFO,
 * the queue's exception kinds, and `async with` on a semaphore.  Linked
 * into every build of the lab (your files and the reference alike).
 */
#include "sync.h"

#include <stdlib.h>

int waiters_push(struct waiters *w, struct future *fut)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 4;
        struct future **v = malloc(cap * sizeof *v);

        if (!v)
            return CO_ENOMEM;
        for (size_t i = 0; i < w->n; i++)
            v[i] = w->v[(w->head + i) % w->cap];
        free(w->v);
        w->v = v;
        w->cap = cap;
        w->head = 0;
    }
    w->v[(w->head + w->n++) % w->cap] = fut;
    return CO_OK;
}

int waiters_remove(struct waiters *w, struct future *fut)
{
    if (w->n > 0 && w->v[w->head] == fut) {     /* the first: O(1) */
        w->head = (w->head + 1) % w->cap;
        w->n--;
        return 1;
    }
    for (size_t i = 1; i < w->n; i++)
        if (w->v[(w->head + i) % w->cap] == fut) {
            for (size_t j = i; j + 1 < w->n; j++)
                w->v[(w->head + j) % w->cap] = w->v[(w->head + j + 1) % w->cap];
            w->n--;
            return 1;
        }
    return 0;
}

int waiters_wake_next(struct waiters *w, struct co_value v)
{
    while (w->n > 0) {
        struct future *fut = w->v[w->head];

        w->head = (w->head + 1) % w->cap;
        w->n--;
        if (!future_done(fut)) {
            future_set_result(fut, v, NULL);
            return 1;
        }
    }
    return 0;
}

size_t waiters_live(const struct waiters *w)
{
    size_t k = 0;

    for (size_t i = 0; i < w->n; i++)
        if (!future_cancelled(w->v[(w->head + i) % w->cap]))
            k++;
    return k;
}

void waiters_free(struct waiters *w)
{
    free(w->v);
    *w = (struct waiters){ 0 };
}

enum co_exc_kind queue_full_kind(void)
{
    static enum co_exc_kind k;

    if (!k)
        k = co_exc_kind_new("QueueFull", CO_EXCEPTION);
    return k;
}

enum co_exc_kind queue_empty_kind(void)
{
    static enum co_exc_kind k;

    if (!k)
        k = co_exc_kind_new("QueueEmpty", CO_EXCEPTION);
    return k;
}

/* async with sem: __aenter__ is acquire; __aexit__ releases and returns
 * false (nothing swallowed). */
static struct gen *sem_aenter(void *self)
{
    return sem_acquire(self);
}

static enum gen_step sem_aexit_body(struct gen *g, void *frame)
{
    struct sem *s = *(struct sem **)frame;

    GEN_BEGIN(g);
    sem_release(s);
    GEN_RETURN(g, co_int(0));
    GEN_END(g);
}

static struct gen *sem_aexit(void *self, const struct co_exc *exc)
{
    struct gen *g = gen_new("__aexit__", sem_aexit_body, sizeof(struct sem *));

    (void)exc;
    if (g)
        *(struct sem **)gen_frame(g) = self;
    return g;
}

const struct acm_ops sem_acm = { sem_aenter, sem_aexit };
