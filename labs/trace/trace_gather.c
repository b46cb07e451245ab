/*
 * trace_gather.c - lab05's objects, noted by the wrappers of the calls
 * that make and free them (see trace_gather.h).  Linked into the lab05
 * playground and into lab05's traced examples only (labs/labs.mk).
 */
#include "trace_gather.h"

#include <stdio.h>
#include <string.h>

#define TG_MAX 256

static struct tg_obj objs[TG_MAX];
static int nobjs;
static int numbers[TG_LOCK + 1];

int tg_count(void)
{
    return nobjs;
}

const struct tg_obj *tg_at(int i)
{
    return i >= 0 && i < nobjs ? &objs[i] : NULL;
}

static unsigned nwoken;

void tg_forget_all(void)
{
    nobjs = 0;
    nwoken = 0;
    memset(numbers, 0, sizeof numbers);
}

static struct tg_obj *note(enum tg_kind kind, void *p)
{
    /* an address used again (a queue re-initialised): the old one is gone */
    for (int i = 0; i < nobjs; i++)
        if (objs[i].p == p) {
            memmove(&objs[i], &objs[i + 1], (size_t)(nobjs - i - 1) * sizeof objs[0]);
            nobjs--;
            break;
        }
    if (!p || nobjs == TG_MAX)
        return NULL;
    struct tg_obj *o = &objs[nobjs++];
    *o = (struct tg_obj){ .kind = kind, .p = p, .number = ++numbers[kind] };
    return o;
}

static void gone(const void *p)
{
    for (int i = 0; i < nobjs; i++)
        if (objs[i].p == p) {
            memmove(&objs[i], &objs[i + 1], (size_t)(nobjs - i - 1) * sizeof objs[0]);
            nobjs--;
            return;
        }
}

const char *tg_name(const struct tg_obj *o, char *buf, size_t n)
{
    static const char *const names[] = {
        [TG_GATHER] = "gather", [TG_WAIT] = "wait", [TG_WAIT_FOR] = "wait_for",
        [TG_QUEUE] = "queue", [TG_SEM] = "Semaphore", [TG_LOCK] = "Lock",
    };
    snprintf(buf, n, "%s#%d", names[o->kind], o->number);
    return buf;
}

const char *tg_when_name(enum wait_when w)
{
    return w == WAIT_FIRST_COMPLETED ? "FIRST_COMPLETED"
           : w == WAIT_FIRST_EXCEPTION ? "FIRST_EXCEPTION" : "ALL_COMPLETED";
}

static bool in_waiters(const struct waiters *w, const struct future *fut)
{
    for (size_t i = 0; w->v && i < w->n; i++)
        if (w->v[(w->head + i) % w->cap] == fut)
            return true;
    return false;
}

size_t tg_waiters(const struct waiters *w, struct future **v, size_t max)
{
    size_t k = 0;

    for (size_t i = 0; w->v && w->cap && i < w->n && k < max; i++) {
        struct future *f = w->v[(w->head + i) % w->cap];
        if (f && !future_done(f))
            v[k++] = f;
    }
    return k;
}

const struct tg_obj *tg_of_future(const struct future *fut, const char **role)
{
    for (int i = 0; fut && i < nobjs; i++) {
        const struct tg_obj *o = &objs[i];
        const char *r = NULL;
        if (o->kind == TG_GATHER && &((struct gather *)o->p)->fut == fut)
            r = "gather";
        else if (o->kind == TG_QUEUE) {
            const struct queue *q = o->p;
            r = in_waiters(&q->getters, fut) ? "get" : in_waiters(&q->putters, fut) ? "put"
                : in_waiters(&q->joiners, fut) ? "join" : NULL;
        } else if (o->kind == TG_SEM)
            r = in_waiters(&((struct sem *)o->p)->waiters, fut) ? "acquire" : NULL;
        else if (o->kind == TG_LOCK)
            r = in_waiters(&((struct lock *)o->p)->waiters, fut) ? "acquire" : NULL;
        if (r) {
            if (role)
                *role = r;
            return o;
        }
    }
    return NULL;
}

const struct tg_obj *tg_wait_in(const struct gen *g)
{
    for (; g; g = g->delegate)
        for (int i = 0; i < nobjs; i++)
            if ((objs[i].kind == TG_WAIT || objs[i].kind == TG_WAIT_FOR) && objs[i].p == g &&
                objs[i].coro_name == g->name)
                return &objs[i];
    return NULL;
}

const struct tg_obj *tg_gather_of_child(const struct future *fut)
{
    for (int i = 0; fut && i < nobjs; i++) {
        const struct gather *ga = objs[i].p;
        for (size_t k = 0; objs[i].kind == TG_GATHER && ga->child && k < ga->n; k++)
            if (ga->child[k] == fut)
                return &objs[i];
    }
    return NULL;
}

/* ---- the wrappers ------------------------------------------------------- */

int __real_gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
                      struct gather **out);
int __wrap_gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
                      struct gather **out);
int __real_gather_free(struct gather *ga);
int __wrap_gather_free(struct gather *ga);
struct gen *__real_wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                            struct wait_sets *sets);
struct gen *__wrap_wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                            struct wait_sets *sets);
struct gen *__real_wait_for_new(struct aw aw, double timeout);
struct gen *__wrap_wait_for_new(struct aw aw, double timeout);
int __real_queue_init(struct queue *q, struct loop *loop, size_t maxsize);
int __wrap_queue_init(struct queue *q, struct loop *loop, size_t maxsize);
int __real_queue_destroy(struct queue *q);
int __wrap_queue_destroy(struct queue *q);
int __real_sem_init(struct sem *s, struct loop *loop, long value);
int __wrap_sem_init(struct sem *s, struct loop *loop, long value);
int __real_sem_destroy(struct sem *s);
int __wrap_sem_destroy(struct sem *s);
int __real_lock_init(struct lock *l, struct loop *loop);
int __wrap_lock_init(struct lock *l, struct loop *loop);
int __real_lock_destroy(struct lock *l);
int __wrap_lock_destroy(struct lock *l);
int __real_waiters_wake_next(struct waiters *w, struct co_value v);
int __wrap_waiters_wake_next(struct waiters *w, struct co_value v);

int __wrap_gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
                      struct gather **out)
{
    int r = __real_gather_new(loop, aws, n, return_exceptions, out);
    if (r == CO_OK && out)
        note(TG_GATHER, *out);
    return r;
}

int __wrap_gather_free(struct gather *ga)
{
    int r = __real_gather_free(ga);
    if (r == CO_OK)
        gone(ga);
    return r;
}

struct gen *__wrap_wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                            struct wait_sets *sets)
{
    struct gen *g = __real_wait_new(aws, n, timeout, when, sets);
    struct tg_obj *o = g ? note(TG_WAIT, g) : NULL;
    if (o) {
        o->coro_name = g->name;
        o->aws = aws;
        o->n = n;
        o->timeout = timeout;
        o->when = when;
    }
    return g;
}

struct gen *__wrap_wait_for_new(struct aw aw, double timeout)
{
    struct gen *g = __real_wait_for_new(aw, timeout);
    struct tg_obj *o = g ? note(TG_WAIT_FOR, g) : NULL;
    if (o) {
        o->coro_name = g->name;
        o->aw = aw;
        o->timeout = timeout;
    }
    return g;
}

/* make and free: noted when the call succeeds */
#define TG_INIT_WRAP(KIND, TYPE, NAME, PARAMS, ARGS)                                       \
    int __wrap_##NAME##_init PARAMS                                                       \
    {                                                                                     \
        int r = __real_##NAME##_init ARGS;                                                \
        if (r == CO_OK)                                                                   \
            note(KIND, x);                                                                \
        return r;                                                                         \
    }                                                                                     \
    int __wrap_##NAME##_destroy(TYPE *x)                                                  \
    {                                                                                     \
        int r = __real_##NAME##_destroy(x);                                               \
        if (r == CO_OK)                                                                   \
            gone(x);                                                                      \
        return r;                                                                         \
    }
TG_INIT_WRAP(TG_QUEUE, struct queue, queue, (struct queue *x, struct loop *loop, size_t maxsize),
             (x, loop, maxsize))
TG_INIT_WRAP(TG_SEM, struct sem, sem, (struct sem *x, struct loop *loop, long value),
             (x, loop, value))
TG_INIT_WRAP(TG_LOCK, struct lock, lock, (struct lock *x, struct loop *loop), (x, loop))

/* The object whose FIFO w is. */
static const struct tg_obj *owner_of(const struct waiters *w)
{
    for (int i = 0; i < nobjs; i++) {
        const struct tg_obj *o = &objs[i];
        if ((o->kind == TG_QUEUE && (w == &((struct queue *)o->p)->getters ||
                                     w == &((struct queue *)o->p)->putters ||
                                     w == &((struct queue *)o->p)->joiners)) ||
            (o->kind == TG_SEM && w == &((struct sem *)o->p)->waiters) ||
            (o->kind == TG_LOCK && w == &((struct lock *)o->p)->waiters))
            return o;
    }
    return NULL;
}

/* The waiters woken lately (out of their FIFO by then), newest last. */
#define TG_WOKEN 64
struct woken {
    const struct future *fut;
    const void *obj;
};
static struct woken woken[TG_WOKEN];

const struct tg_obj *tg_woke(const struct future *fut)
{
    for (unsigned i = nwoken; fut && i > 0 && i + TG_WOKEN > nwoken; i--)
        if (woken[(i - 1) % TG_WOKEN].fut == fut)
            for (int k = 0; k < nobjs; k++)
                if (objs[k].p == woken[(i - 1) % TG_WOKEN].obj)
                    return &objs[k];
    return NULL;
}

int __wrap_waiters_wake_next(struct waiters *w, struct co_value v)
{
    struct future *first = NULL;
    const struct tg_obj *o = w ? owner_of(w) : NULL;

    if (o && tg_waiters(w, &first, 1) == 1) {
        woken[nwoken++ % TG_WOKEN] = (struct woken){ first, o->p };
        if (tg_on_wake)
            tg_on_wake(o, w, first);
    }
    return __real_waiters_wake_next(w, v);
}
