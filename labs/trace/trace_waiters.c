/*
 * trace_waiters.c - lab05's side of a trace: who waits on what, and when
 * it was woken.
 *
 * A task that yields a gather's future, a queue's or a semaphore's
 * waiter, or delegates to a wait or a wait_for, says so in its yield
 * ("gather#1 of 3", "queue#1.get()", "sem#1.acquire()",
 * "wait#1 FIRST_COMPLETED"); a waiter that a put, a get or a release
 * wakes gets a mark on its row at that moment ("woken, queue#1"); the callback a gather's child runs when it is
 * done is drawn on the row of the task that awaits the gather.  The
 * objects come from trace_gather.c's wrappers.  Only linked into lab05's
 * examples (labs/labs.mk).
 */
#include "trace.h"

#include <stdio.h>

#include "trace_gather.h"

/* A timeline's label is cut at 14 columns: "queue#1", "sem#1", "lock#1". */
static const char *short_name(const struct tg_obj *o, char *buf, size_t n)
{
    if (o->kind == TG_SEM || o->kind == TG_LOCK)
        snprintf(buf, n, "%s#%d", o->kind == TG_SEM ? "sem" : "lock", o->number);
    else
        tg_name(o, buf, n);
    return buf;
}

int trace__await_more(const struct gen *g, const struct future *fut, char *buf, unsigned n)
{
    const struct tg_obj *o = tg_wait_in(g);
    const char *role = NULL;
    char name[32];

    if (o && o->kind == TG_WAIT) {
        snprintf(buf, n, "%s %s", tg_name(o, name, sizeof name), tg_when_name(o->when));
        return 1;
    }
    if (o) {
        snprintf(buf, n, "%s", tg_name(o, name, sizeof name));
        return 1;
    }
    if (!(o = tg_of_future(fut, &role)))
        return 0;
    if (o->kind == TG_GATHER)
        snprintf(buf, n, "%s of %zu", tg_name(o, name, sizeof name),
                 ((const struct gather *)o->p)->n);
    else
        snprintf(buf, n, "%s.%s()", short_name(o, name, sizeof name), role);
    return 1;
}

/* The task whose `awaiting` is fut, among the loop's unfinished ones. */
static struct task *waiter_of(const struct future *fut)
{
    struct task *v[256];
    const struct loop *loop = trace__loop ? trace__loop() : NULL;
    size_t k = loop ? task_all(loop, v, 256) : 0;

    for (size_t i = 0; i < k && i < 256; i++)
        if (v[i] && v[i]->awaiting == fut)
            return v[i];
    return NULL;
}

void tg_on_wake(const struct tg_obj *o, const struct waiters *w, struct future *fut)
{
    struct task *t = waiter_of(fut);
    int delegate = 0;
    const char *row = t && trace__row ? trace__row(t->coro, &delegate) : NULL;
    char name[32], text[64];

    (void)w;
    if (!row)
        return;
    snprintf(text, sizeof text, "woken, %s", short_name(o, name, sizeof name));
    trace_emit(CO_TRACE_WAIT, row, trace_time(), co_none(), text);
}

const char *trace__callback_row_more(const void *arg)
{
    const struct tg_obj *o = tg_gather_of_child(arg);
    struct task *t = o ? waiter_of(&((const struct gather *)o->p)->fut) : NULL;
    int delegate = 0;

    return t && trace__row ? trace__row(t->coro, &delegate) : NULL;
}
