/*
 * gather.c - reference solution of lab05, part A: composing futures.
 * gather is a future finished by its children's callbacks; wait, wait_for
 * and as_completed await a private waiter future that callbacks or a
 * timer set; shield copies one future into another.  See gather.h.
 */
#include "gather.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Cancel a future the way its owner would: a task through task_cancel. */
static bool cancel_fut(struct future *fut, const char *msg)
{
    struct task *t = task_of_future(fut);
    return t ? task_cancel(t, msg) : future_cancel(fut, msg);
}

/* The exception a cancelled future gives (its CancelledError). */
static struct co_exc cancelled_error(struct future *fut)
{
    struct co_exc e;
    struct co_value v;

    future_result(fut, &v, &e);
    return e;
}

/* ---- Step 1: gather ------------------------------------------------- */

static void child_done(struct future *child, void *arg)
{
    struct gather *ga = arg;
    struct co_exc e;

    ga->n_finished++;
    if (future_done(&ga->fut)) {
        if (!future_cancelled(child))
            future_exception(child, &e);       /* mark it retrieved */
        return;
    }
    if (!ga->return_exceptions) {
        if (future_cancelled(child)) {
            e = cancelled_error(child);
            future_set_exception(&ga->fut, &e, NULL);
            return;
        }
        if (future_exception(child, &e) == CO_OK && e.kind != CO_EXC_NONE) {
            future_set_exception(&ga->fut, &e, NULL);
            return;
        }
    }
    if (ga->n_finished < ga->n_distinct)
        return;
    /* Every child is done: the results are read from them (results_at). */
    for (size_t i = 0; i < ga->n; i++)
        if (!future_cancelled(ga->child[i]))
            future_exception(ga->child[i], &e);
    if (ga->cancel_requested) {
        e = co_exc_make(CO_CANCELLED_ERROR, NULL);
        if (future_cancelled(child))
            e = cancelled_error(child);
        future_set_exception(&ga->fut, &e, NULL);
    } else {
        future_set_result(&ga->fut, co_ptr(ga), NULL);
    }
}

/* The outer future was cancelled from outside (task_cancel of a task
 * awaiting it calls future_cancel on it): pass it on to the children. */
static void outer_done(struct future *fut, void *arg)
{
    struct gather *ga = arg;

    if (!future_cancelled(fut))
        return;
    for (size_t i = 0; i < ga->n; i++)
        if (!future_done(ga->child[i]))
            cancel_fut(ga->child[i], NULL);
}

/* An argument's object (its coroutine, or its future) and its index, to
 * find the same one twice. */
struct arg_of {
    uintptr_t key;
    size_t i;
};

#define RADIX_BITS 11

/* Sort a[0..n) by key, stably (equal keys keep their order, here that of
 * their indices).  A least-significant-digit radix sort, RADIX_BITS at a
 * time over only the bits in which the keys differ: a few sequential
 * passes, where qsort spends twenty calls of a comparison per argument
 * (for a million arguments that was an eighth of a gather).  Keys that
 * come in order (coroutines made one after another usually do) are left
 * as they are. */
static int sort_args(struct arg_of *a, size_t n)
{
    size_t count[1u << RADIX_BITS];
    struct arg_of *tmp, *from = a, *to;
    uintptr_t diff = 0;
    unsigned lo = 0, hi = 0;
    bool sorted = true;

    for (size_t i = 1; i < n; i++) {
        diff |= a[i].key ^ a[0].key;
        sorted = sorted && a[i - 1].key <= a[i].key;
    }
    if (sorted)
        return CO_OK;
    while (!((diff >> lo) & 1))
        lo++;
    for (hi = lo; hi + 1 < sizeof diff * 8 && (diff >> (hi + 1)); hi++)
        ;
    if (!(tmp = malloc(n * sizeof *tmp)))
        return CO_ENOMEM;
    to = tmp;
    for (unsigned shift = lo; shift <= hi; shift += RADIX_BITS) {
        size_t sum = 0;
        struct arg_of *t;

        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(from[i].key >> shift) & ((1u << RADIX_BITS) - 1)]++;
        for (size_t d = 0; d < (1u << RADIX_BITS); d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[(from[i].key >> shift) & ((1u << RADIX_BITS) - 1)]++] = from[i];
        t = from, from = to, to = t;
    }
    if (from != a)
        memcpy(a, from, n * sizeof *a);
    free(tmp);
    return CO_OK;
}

int gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
               struct gather **out)
{
    struct gather *ga;
    size_t *group = NULL;          /* group[i]: the first argument with aws[i]'s object */
    struct arg_of *first;
    bool callbacks = false;        /* some child_done callbacks are in */
    size_t d = 0;

    if (!loop || !out || (n && !aws))
        return CO_EINVAL;
    if (loop_is_closed(loop))
        return CO_ECLOSED;
    for (size_t i = 0; i < n; i++) {
        if (!aws[i].fut == !aws[i].coro)
            return CO_EINVAL;
        if (aws[i].fut && aws[i].fut->loop != loop)
            return CO_EINVAL;
        if (aws[i].coro && gen_state(aws[i].coro) != GEN_CREATED)
            return CO_ESTATE;
    }
    if (!(ga = calloc(1, sizeof *ga)))
        return CO_ENOMEM;
    future_init(&ga->fut, loop);
    ga->n = n;
    ga->return_exceptions = return_exceptions;
    if (n && (!(ga->child = calloc(n, sizeof *ga->child)) ||
              !(ga->made = calloc(n, sizeof *ga->made)) ||
              !(group = malloc(n * sizeof *group))))
        goto nomem;
    /* The same coroutine again is the same task, the same future again
     * the same child.  Sorted by object (a coroutine and a future are
     * never the same object), stably, the arguments with the same object
     * stand together, the first of them first: group[i] = that first one.
     * (A search back through aws[0..i) would be n^2 for a million.) */
    if (n && !(first = malloc(n * sizeof *first)))
        goto nomem;
    for (size_t i = 0; i < n; i++)
        first[i] = (struct arg_of){ aws[i].coro ? (uintptr_t)aws[i].coro
                                                : (uintptr_t)aws[i].fut, i };
    if (n && sort_args(first, n) != CO_OK) {
        free(first);
        goto nomem;
    }
    for (size_t k = 0; k < n; k++)          /* first[k].i -> its group's first */
        group[first[k].i] = k > 0 && first[k].key == first[k - 1].key
                            ? group[first[k - 1].i] : first[k].i;
    if (n)
        free(first);
    /* Tasks in argument order; each distinct child gets one callback. */
    for (size_t i = 0; i < n; i++) {
        size_t j = group[i];

        if (j < i)
            ga->child[i] = ga->child[j];
        else if (aws[i].fut)
            ga->child[i] = aws[i].fut;
        else if (task_create(loop, aws[i].coro, NULL, &ga->made[ga->n_made]) != CO_OK)
            goto nomem;
        else
            ga->child[i] = &ga->made[ga->n_made++]->fut;
    }
    callbacks = true;
    for (size_t i = 0; i < n; i++)
        if (group[i] == i) {
            if (future_add_done_callback(ga->child[i], child_done, ga) != CO_OK)
                goto nomem;
            d++;
        }
    ga->n_distinct = d;
    free(group);
    if (n == 0)
        future_set_result(&ga->fut, co_ptr(ga), NULL);
    else
        future_add_done_callback(&ga->fut, outer_done, ga);
    *out = ga;
    return CO_OK;
nomem:
    /* Only reached before anything ran: undo what was made. */
    for (size_t i = 0; callbacks && i < n; i++)
        if (group[i] == i)
            future_remove_done_callback(ga->child[i], child_done, ga);
    for (size_t i = 0; i < ga->n_made; i++)   /* they run once, cancelled, and leak */
        task_cancel(ga->made[i], NULL);
    free(group);
    free(ga->child);
    free(ga->made);
    future_destroy(&ga->fut);
    free(ga);
    return CO_ENOMEM;
}

int gather_result_at(struct gather *ga, size_t i, struct co_value *out, struct co_exc *exc)
{
    if (!ga || !out || !exc || i >= ga->n)
        return CO_EINVAL;
    if (!future_done(ga->child[i]))
        return CO_ESTATE;
    return future_result(ga->child[i], out, exc);
}

bool gather_cancel(struct gather *ga, const char *msg)
{
    bool ret = false;

    if (!ga || future_done(&ga->fut))
        return false;
    for (size_t i = 0; i < ga->n; i++)
        if (cancel_fut(ga->child[i], msg))
            ret = true;
    if (ret)
        ga->cancel_requested = true;
    return ret;
}

int gather_free(struct gather *ga)
{
    bool closed;

    if (!ga)
        return CO_OK;
    closed = loop_is_closed(ga->fut.loop);
    if (!closed) {
        if (ga->fut.n_scheduled || !future_done(&ga->fut))
            return CO_ESTATE;
        for (size_t i = 0; i < ga->n_made; i++)
            if (!future_done(&ga->made[i]->fut) || ga->made[i]->fut.n_scheduled)
                return CO_ESTATE;
        for (size_t i = 0; i < ga->n; i++)    /* a child still running */
            if (!future_done(ga->child[i]))
                future_remove_done_callback(ga->child[i], child_done, ga);
            else if (ga->child[i]->n_scheduled)
                return CO_ESTATE;
    }
    for (size_t i = 0; i < ga->n_made; i++)
        task_free(ga->made[i]);
    future_log_unretrieved(&ga->fut, "_GatheringFuture", NULL);   /* asyncio's name */
    future_destroy(&ga->fut);
    free(ga->child);
    free(ga->made);
    free(ga);
    return CO_OK;
}

/* ---- the counted block the callbacks of wait and wait_for share ----- */

struct hub {
    unsigned refs;             /* the coroutine, each registered callback, the timer */
    bool waiting;              /* the coroutine still awaits `waiter` */
    struct future waiter;
    struct loop_handle *timer; /* NULL once fired or cancelled */
    struct wait_sets *sets;    /* wait: for FIRST_EXCEPTION's test */
    enum wait_when when;
    size_t counter;            /* wait: children not done yet */
};

static struct hub *hub_new(struct loop *loop)
{
    struct hub *h = calloc(1, sizeof *h);

    if (h) {
        h->refs = 1;
        h->waiting = true;
        future_init(&h->waiter, loop);
    }
    return h;
}

static void hub_put(struct hub *h)
{
    if (--h->refs == 0) {
        future_destroy(&h->waiter);
        free(h);
    }
}

/* _release_waiter: set the waiter unless it is done or nobody waits. */
static void hub_release(struct hub *h)
{
    if (h->waiting && !future_done(&h->waiter))
        future_set_result(&h->waiter, co_none(), NULL);
}

static void hub_timer_fired(struct loop *loop, void *arg)
{
    struct hub *h = arg;

    (void)loop;
    h->timer = NULL;
    hub_release(h);
    hub_put(h);
}

static int hub_start_timer(struct hub *h, struct loop *loop, double timeout)
{
    if (isinf(timeout) && timeout > 0)
        return CO_OK;
    if (loop_call_later(loop, timeout, hub_timer_fired, h, &h->timer) != CO_OK)
        return CO_ENOMEM;
    h->refs++;
    return CO_OK;
}

static void hub_stop_timer(struct hub *h)
{
    if (h->timer && loop_handle_cancel(h->timer) == CO_OK) {
        h->timer = NULL;
        hub_put(h);
    }
}

/* ---- Step 2: wait ------------------------------------------------------ */

struct wait_frame {
    const struct aw *aws;
    size_t n;
    double timeout;
    enum wait_when when;
    struct wait_sets *sets;
    struct hub *h;
    struct co_value r;
    struct co_exc caught;
};

static void wait_on_completion(struct future *fut, void *arg)
{
    struct hub *h = arg;
    struct co_exc e;

    h->counter--;
    if (h->counter == 0 || h->when == WAIT_FIRST_COMPLETED ||
        (h->when == WAIT_FIRST_EXCEPTION && !future_cancelled(fut) &&
         future_exception(fut, &e) == CO_OK && e.kind != CO_EXC_NONE)) {
        hub_stop_timer(h);
        hub_release(h);
    }
    hub_put(h);
}

static enum gen_step wait_body(struct gen *g, void *frame)
{
    struct wait_frame *f = frame;
    struct loop *loop;

    GEN_BEGIN(g);
    if (f->n == 0)
        GEN_RAISE(g, CO_VALUE_ERROR, "Set of Tasks/Futures is empty.");
    for (size_t i = 0; i < f->n; i++)
        if (f->aws[i].coro)
            GEN_RAISE(g, CO_TYPE_ERROR, "Passing coroutines is forbidden, use tasks explicitly.");
    if (!(loop = task_running_loop()))
        GEN_RAISE(g, CO_RUNTIME_ERROR, "no running event loop");
    if (!(f->h = hub_new(loop)))
        GEN_RAISE(g, CO_RUNTIME_ERROR, "wait: out of memory");
    f->h->when = f->when;
    f->h->counter = f->n;
    if (hub_start_timer(f->h, loop, f->timeout) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "wait: the loop refused the timer");
    for (size_t i = 0; i < f->n; i++)
        if (future_add_done_callback(f->aws[i].fut, wait_on_completion, f->h) == CO_OK)
            f->h->refs++;
    TASK_TRY_AWAIT(g, &f->h->waiter, f->r, f->caught);
    /* finally: */
    f->h->waiting = false;
    hub_stop_timer(f->h);
    for (size_t i = 0; i < f->n; i++)
        for (int k = future_remove_done_callback(f->aws[i].fut, wait_on_completion, f->h);
             k > 0; k--)
            hub_put(f->h);
    hub_put(f->h);
    f->h = NULL;
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    f->sets->n_done = f->sets->n_pending = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct future *x = f->aws[i].fut;
        if (future_done(x))
            f->sets->done[f->sets->n_done++] = x;
        else
            f->sets->pending[f->sets->n_pending++] = x;
    }
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

struct gen *wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                     struct wait_sets *sets)
{
    struct gen *g = gen_new("wait", wait_body, sizeof(struct wait_frame));

    if (g)
        *(struct wait_frame *)gen_frame(g) = (struct wait_frame){
            .aws = aws, .n = n, .timeout = timeout, .when = when, .sets = sets };
    return g;
}

/* ---- Step 2: wait_for -------------------------------------------------- */

struct wait_for_frame {
    struct aw aw;
    double timeout;
    struct task *made;
    struct future *fut;
    struct hub *h;
    struct co_value r;
    struct co_exc caught;
    struct co_exc got;        /* the inner outcome, once it is done */
    int outcome;              /* CO_OK or GEN_RAISED */
};

static void wait_for_release(struct future *fut, void *arg)
{
    (void)fut;
    hub_release(arg);
    hub_put(arg);
}

/* Let go of the hub and of the task we made (it is done). */
static void wait_for_cleanup(struct wait_for_frame *f)
{
    if (f->h) {
        f->h->waiting = false;
        hub_stop_timer(f->h);
        if (future_remove_done_callback(f->fut, wait_for_release, f->h) > 0)
            hub_put(f->h);
        hub_put(f->h);
        f->h = NULL;
    }
}

static enum gen_step wait_for_body(struct gen *g, void *frame)
{
    struct wait_for_frame *f = frame;
    struct loop *loop;

    GEN_BEGIN(g);
    if (!(loop = task_running_loop()))
        GEN_RAISE(g, CO_RUNTIME_ERROR, "no running event loop");
    if (f->aw.coro) {
        if (task_create(loop, f->aw.coro, NULL, &f->made) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "wait_for: cannot make a task");
        f->aw.coro = NULL;
        f->fut = &f->made->fut;
    } else {
        f->fut = f->aw.fut;
    }
    if (isinf(f->timeout) && f->timeout > 0) {          /* timeout=None */
        TASK_TRY_AWAIT(g, f->fut, f->r, f->caught);
        goto finished;
    }
    if (f->timeout > 0 && !future_done(f->fut)) {
        if (!(f->h = hub_new(loop)) || hub_start_timer(f->h, loop, f->timeout) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "wait_for: out of memory");
        if (future_add_done_callback(f->fut, wait_for_release, f->h) == CO_OK)
            f->h->refs++;
        TASK_TRY_AWAIT(g, &f->h->waiter, f->r, f->caught);
        wait_for_cleanup(f);
        if (f->caught.kind != CO_EXC_NONE && !future_done(f->fut)) {
            /* We were cancelled: cancel the inner one, wait, re-raise. */
            f->got = f->caught;
            cancel_fut(f->fut, NULL);
            TASK_TRY_AWAIT(g, f->fut, f->r, f->caught);
            f->caught = f->got;
            goto finished;
        }
    }
    if (future_done(f->fut)) {
        f->caught.kind = CO_EXC_NONE;
        if (future_result(f->fut, &f->r, &f->caught) == CO_OK)
            f->caught.kind = CO_EXC_NONE;
        goto finished;
    }
    /* Timed out: cancel, wait until it is done, then TimeoutError. */
    cancel_fut(f->fut, NULL);
    TASK_TRY_AWAIT(g, f->fut, f->r, f->caught);
    if (co_exc_matches(&f->caught, CO_CANCELLED_ERROR))
        f->caught = co_exc_from(co_exc_make(CO_TIMEOUT_ERROR, NULL), &f->caught);
finished:
    if (f->made && task_free(f->made) == CO_OK)
        f->made = NULL;
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

struct gen *wait_for_new(struct aw aw, double timeout)
{
    struct gen *g = gen_new("wait_for", wait_for_body, sizeof(struct wait_for_frame));

    if (g)
        *(struct wait_for_frame *)gen_frame(g) = (struct wait_for_frame){
            .aw = aw, .timeout = timeout };
    return g;
}

/* ---- Step 3: as_completed ----------------------------------------------- */

struct as_completed {
    unsigned refs;             /* the owner, each registered callback, the timer */
    bool owned;                /* the owner has not freed it yet */
    struct loop *loop;
    size_t n, left;            /* futures; results next() has still to give */
    struct future *const *fs;  /* the futures (a copy: todo[]) */
    struct future **todo;      /* registered and not finished (NULL: gone) */
    struct future **done;      /* finished, in order; NULL: the timeout */
    size_t n_done, taken;
    struct future *getter;     /* the waiter of the next() that waits, or NULL */
    struct loop_handle *timer;
};

static void ac_put(struct as_completed *ac)
{
    if (--ac->refs == 0) {
        free(ac->todo);
        free(ac->done);
        free(ac);
    }
}

static void ac_wake(struct as_completed *ac)
{
    if (ac->getter && !future_done(ac->getter))
        future_set_result(ac->getter, co_none(), NULL);
}

static void ac_on_completion(struct future *fut, void *arg)
{
    struct as_completed *ac = arg;

    for (size_t i = 0; i < ac->n; i++)
        if (ac->todo[i] == fut) {
            ac->todo[i] = NULL;
            ac->done[ac->n_done++] = fut;
            break;
        }
    if (ac->owned)
        ac_wake(ac);
    ac_put(ac);
}

static void ac_on_timeout(struct loop *loop, void *arg)
{
    struct as_completed *ac = arg;

    (void)loop;
    ac->timer = NULL;
    for (size_t i = 0; i < ac->n; i++)
        if (ac->todo[i]) {
            if (future_remove_done_callback(ac->todo[i], ac_on_completion, ac) > 0)
                ac->refs--;                  /* never the last: the timer holds one */
            ac->todo[i] = NULL;
            ac->done[ac->n_done++] = NULL;   /* a timeout for each one left */
        }
    if (ac->owned)
        ac_wake(ac);
    ac_put(ac);
}

int as_completed_new(struct loop *loop, struct future *const fs[], size_t n, double timeout,
                     struct as_completed **out)
{
    struct as_completed *ac;

    if (!loop || !out || (n && !fs))
        return CO_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!fs[i] || fs[i]->loop != loop)
            return CO_EINVAL;
    if (!(ac = calloc(1, sizeof *ac)) || !(ac->todo = calloc(n + 1, sizeof *ac->todo)) ||
        !(ac->done = calloc(n + 1, sizeof *ac->done))) {
        if (ac)
            free(ac->todo);
        free(ac);
        return CO_ENOMEM;
    }
    ac->refs = 1;
    ac->owned = true;
    ac->loop = loop;
    ac->n = ac->left = n;
    for (size_t i = 0; i < n; i++) {
        ac->todo[i] = fs[i];
        if (future_add_done_callback(fs[i], ac_on_completion, ac) == CO_OK)
            ac->refs++;
    }
    if (!(isinf(timeout) && timeout > 0) &&
        loop_call_later(loop, timeout, ac_on_timeout, ac, &ac->timer) == CO_OK)
        ac->refs++;
    *out = ac;
    return CO_OK;
}

struct ac_frame {
    struct as_completed *ac;
    struct future waiter;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step ac_next_body(struct gen *g, void *frame)
{
    struct ac_frame *f = frame;
    struct future *fut;

    GEN_BEGIN(g);
    if (f->ac->left == 0)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "as_completed: every result was taken");
    if (f->ac->taken == f->ac->n_done) {
        future_init(&f->waiter, f->ac->loop);
        f->ac->getter = &f->waiter;
        TASK_TRY_AWAIT(g, &f->waiter, f->r, f->caught);
        f->ac->getter = NULL;
        future_destroy(&f->waiter);
        if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
    }
    f->ac->left--;
    fut = f->ac->done[f->ac->taken++];
    if (!fut)
        GEN_RAISE(g, CO_TIMEOUT_ERROR, NULL);
    if (future_result(fut, &f->r, &g->exc) == GEN_RAISED)
        return GEN_STEP_RAISE;
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

struct gen *as_completed_next(struct as_completed *ac)
{
    struct gen *g;

    if (!ac || !(g = gen_new("as_completed", ac_next_body, sizeof(struct ac_frame))))
        return NULL;
    ((struct ac_frame *)gen_frame(g))->ac = ac;
    return g;
}

size_t as_completed_left(const struct as_completed *ac)
{
    return ac ? ac->left : 0;
}

void as_completed_free(struct as_completed *ac)
{
    if (!ac)
        return;
    ac->owned = false;
    ac->getter = NULL;
    if (ac->timer && !loop_is_closed(ac->loop) && loop_handle_cancel(ac->timer) == CO_OK)
        ac->refs--;
    ac->timer = NULL;
    for (size_t i = 0; i < ac->n; i++)
        if (ac->todo[i] && future_remove_done_callback(ac->todo[i], ac_on_completion, ac) > 0) {
            ac->refs--;
            ac->todo[i] = NULL;
        }
    if (loop_is_closed(ac->loop))
        ac->refs = 1;               /* nothing queued will ever run */
    ac_put(ac);
}

/* ---- Step 3: shield ----------------------------------------------------- */

static void shield_inner_done(struct future *inner, void *arg)
{
    struct shield *s = arg;
    struct co_exc e;
    struct co_value v;

    if (future_cancelled(&s->outer)) {
        if (!future_cancelled(inner))
            future_exception(inner, &e);       /* retrieved */
        return;
    }
    if (future_cancelled(inner))
        future_cancel(&s->outer, NULL);
    else if (future_result(inner, &v, &e) == CO_OK)
        future_set_result(&s->outer, v, NULL);
    else
        future_set_exception(&s->outer, &e, NULL);
}

static void shield_outer_done(struct future *outer, void *arg)
{
    struct shield *s = arg;

    (void)outer;
    if (!future_done(s->inner))
        future_remove_done_callback(s->inner, shield_inner_done, s);
}

int shield_init(struct shield *s, struct future *inner)
{
    if (!s || !inner)
        return CO_EINVAL;
    if (loop_is_closed(inner->loop))
        return CO_ECLOSED;
    future_init(&s->outer, inner->loop);
    s->inner = inner;
    if (future_add_done_callback(inner, shield_inner_done, s) != CO_OK)
        return CO_ENOMEM;
    future_add_done_callback(&s->outer, shield_outer_done, s);
    return CO_OK;
}

int shield_destroy(struct shield *s)
{
    if (!s)
        return CO_OK;
    if (!loop_is_closed(s->outer.loop)) {
        if (s->outer.n_scheduled)
            return CO_ESTATE;
        if (!future_done(s->inner))
            future_remove_done_callback(s->inner, shield_inner_done, s);
        else if (future_done(s->inner) && s->inner->n_scheduled && !future_done(&s->outer))
            return CO_ESTATE;
    }
    future_remove_done_callback(&s->outer, shield_outer_done, s);
    s->outer.log_exception = false;
    return future_destroy(&s->outer);
}
