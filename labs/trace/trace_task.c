/*
 * trace_task.c - lab04's side of a trace: one row per task.
 *
 * A task is what drives a coroutine, so its row is the task's, not the
 * coroutine's: "Task-2 work".  Every resume of a task's coroutine is
 * drawn on that row (a coroutine it delegates to, sleep's, runs inside
 * those resumes and is not drawn again); so is every callback that is
 * for the task (its step, the done callback that
 * wakes it, the timer of the sleep it awaits).  A yield says what the
 * task awaits ("await Task-3", "await sleep until t=2", "sleep(0)").
 * Rows are named through trace_who with the task as the object, so two
 * tasks of one name (task_set_name) get a row each ("worker", "worker#2").
 *
 * Nothing is wrapped: the tasks are found with task_all on the loop the
 * example runs (trace_loop.c keeps it).  Every event about a task comes
 * while it is unfinished (its last resume returns before task.c finishes
 * it), so task_all lists it.  Only linked into examples that use tasks
 * (labs/labs.mk).
 */
#include "trace.h"

#include <stdio.h>
#include <string.h>

#include "task.h"

#define MAX_SEEN 1024

static struct label {
    uint32_t id;           /* the task's id: unique, never reused */
    char text[64];         /* "Task-2 work": its row, before trace_who */
} labels[MAX_SEEN];
static int nlabels;

static const char *row_of_task(const struct task *t)
{
    struct label *l = NULL;
    char name[32];

    for (int i = nlabels - 1; i >= 0 && !l; i--)
        if (labels[i].id == t->id)
            l = &labels[i];
    if (!l) {
        if (nlabels == MAX_SEEN)
            return "(other tasks)";
        l = &labels[nlabels++];
        l->id = t->id;
        snprintf(l->text, sizeof l->text, "%s %s", task_name(t, name, sizeof name),
                 t->coro ? t->coro->name : "?");
    }
    return trace_who(t, l->text);
}

/* The loop's unfinished tasks, into v; how many. */
static size_t live(struct task **v, size_t max)
{
    const struct loop *loop = trace__loop ? trace__loop() : NULL;
    size_t n = loop ? task_all(loop, v, max) : 0;
    return n < max ? n : max;
}

/* The task that drives g (its coroutine, or one it delegates to: then
 * *delegate = 1). */
static struct task *task_of_gen(const struct gen *g, int *delegate)
{
    struct task *v[MAX_SEEN];
    size_t n = live(v, MAX_SEEN);

    for (size_t i = 0; i < n; i++)
        for (const struct gen *c = v[i]->coro; c; c = c->delegate)
            if (c == g) {
                *delegate = c != v[i]->coro;
                return v[i];
            }
    return NULL;
}

const char *trace__row(const struct gen *g, int *delegate)
{
    struct task *t = task_of_gen(g, delegate);
    return t ? row_of_task(t) : NULL;
}

/* A timer whose argument holds fut close by: task_sleep's frame keeps
 * its future and hands the frame to loop_call_later. */
static const struct loop_handle *timer_of(const struct future *fut)
{
    const struct loop *loop = fut->loop;
    for (size_t i = 0; loop && i < loop_timer_count(loop); i++) {
        const struct loop_handle *h = loop_timer_at(loop, i);
        const char *arg = h ? trace__handle_arg(h) : NULL;
        if (h && !h->cancelled && arg && (const char *)fut >= arg && (const char *)fut < arg + 256)
            return h;
    }
    return NULL;
}

int trace__await(const struct gen *g, struct co_value v, char *buf, unsigned n)
{
    struct future *fut = v.as.p;
    int delegate = 0;

    if (!task_of_gen(g, &delegate))
        return 0;
    if (v.kind == CO_NONE) {
        snprintf(buf, n, "sleep(0): a bare yield");
        return 1;
    }
    if (v.kind != CO_PTR || !fut || fut->magic != FUTURE_MAGIC)
        return 0;
    if (trace__await_more && trace__await_more(g, fut, buf, n))
        return 1;
    struct task *other = task_of_future(fut);
    const struct loop_handle *h = other ? NULL : timer_of(fut);
    if (other)
        snprintf(buf, n, "await %s", row_of_task(other));
    else if (h)
        snprintf(buf, n, "await sleep until t=%g", h->when);
    else
        snprintf(buf, n, "await a future");
    return 1;
}

const char *trace__callback_row(const void *arg)
{
    struct task *v[MAX_SEEN];
    size_t n = live(v, MAX_SEEN);

    for (size_t i = 0; i < n; i++)         /* a task's step */
        if ((const void *)v[i] == arg)
            return row_of_task(v[i]);
    for (size_t i = 0; i < n; i++) {       /* what wakes a task */
        const char *fut = (const char *)v[i]->awaiting, *p = arg;
        /* the awaited future's done callback (arg is the future), or the
         * timer of the sleep it awaits (arg is the sleep's frame, which
         * holds the future) */
        if (fut && p && fut >= p && fut < p + 256)
            return row_of_task(v[i]);
    }
    return trace__callback_row_more ? trace__callback_row_more(arg) : NULL;
}
