/*
 * thread.c - reference solution of lab05, part C: the loop's thread-safe
 * door (an eventfd watched by loop_add_reader), a thread pool, and the
 * futures that cross between them.  See thread.h.
 */
#include "thread.h"

#include <stdlib.h>

/* ---- Step 6: call_soon_threadsafe ------------------------------------ */

/* The loop's reader on the eventfd: drain it, then move the mailbox. */
static void ts_readable(struct loop *loop, void *arg)
{
    struct ts *ts = arg;
    struct ts_call *box;
    size_t n;

    ts_wakefd_drain(ts->fd);
    pthread_mutex_lock(&ts->mu);
    box = ts->box;
    n = ts->n;
    ts->box = NULL;
    ts->n = ts->cap = 0;
    pthread_mutex_unlock(&ts->mu);
    for (size_t i = 0; i < n; i++)     /* in the order they came in */
        loop_call_soon(loop, box[i].fn, box[i].arg, NULL);
    ts->moved += n;
    free(box);
}

int ts_init(struct ts *ts, struct loop *loop)
{
    if (!ts || !loop)
        return CO_EINVAL;
    if (loop_is_closed(loop))
        return CO_ECLOSED;
    *ts = (struct ts){ .loop = loop, .fd = -1 };
    if ((ts->fd = ts_wakefd_open()) < 0)
        return CO_ENOMEM;
    if (loop_add_reader(loop, ts->fd, ts_readable, ts) != CO_OK) {
        ts_wakefd_close(ts->fd);
        ts->fd = -1;
        return CO_ENOMEM;
    }
    pthread_mutex_init(&ts->mu, NULL);
    ts->open = true;
    return CO_OK;
}

int ts_call_soon(struct ts *ts, loop_callback_fn *fn, void *arg)
{
    if (!ts || !fn)
        return CO_EINVAL;
    pthread_mutex_lock(&ts->mu);
    if (!ts->open) {
        pthread_mutex_unlock(&ts->mu);
        return CO_ECLOSED;
    }
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 16;
        struct ts_call *box = realloc(ts->box, cap * sizeof *box);

        if (!box) {
            pthread_mutex_unlock(&ts->mu);
            return CO_ENOMEM;
        }
        ts->box = box;
        ts->cap = cap;
    }
    ts->box[ts->n++] = (struct ts_call){ fn, arg };
    /* The write wakes the loop's poll(); under the lock, so that
     * ts_destroy cannot close fd between the append and the write. */
    ts_wakefd_signal(ts->fd);
    pthread_mutex_unlock(&ts->mu);
    return CO_OK;
}

int ts_destroy(struct ts *ts)
{
    if (!ts || ts->fd < 0)
        return CO_EINVAL;
    pthread_mutex_lock(&ts->mu);
    ts->open = false;
    pthread_mutex_unlock(&ts->mu);
    if (!loop_is_closed(ts->loop))
        loop_remove_reader(ts->loop, ts->fd);
    ts_wakefd_close(ts->fd);
    ts->fd = -1;
    free(ts->box);
    ts->box = NULL;
    ts->n = ts->cap = 0;
    pthread_mutex_destroy(&ts->mu);
    return CO_OK;
}

/* ---- Step 7: the pool ---------------------------------------------------- */

struct job {
    pool_fn *fn;
    void *arg;
    struct cfuture *cf;
    struct job *next;
};

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *first, *last;
    bool closing;
    unsigned n;
    pthread_t thread[];
};

static void *worker(void *arg)
{
    struct pool *p = arg;

    for (;;) {
        struct job *j;
        struct co_exc exc = { 0 };
        struct co_value v;

        pthread_mutex_lock(&p->mu);
        while (!p->first && !p->closing)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!(j = p->first)) {                 /* closing, nothing left */
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        if (!(p->first = j->next))
            p->last = NULL;
        pthread_mutex_unlock(&p->mu);
        v = j->fn(j->arg, &exc);               /* the blocking work */
        if (exc.kind != CO_EXC_NONE)
            cfuture_set_exception(j->cf, &exc);
        else
            cfuture_set_result(j->cf, v);
        free(j);
    }
}

struct pool *pool_new(unsigned nthreads)
{
    struct pool *p;

    if (nthreads == 0 || !(p = calloc(1, sizeof *p + nthreads * sizeof(pthread_t))))
        return NULL;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    for (p->n = 0; p->n < nthreads; p->n++)
        if (pthread_create(&p->thread[p->n], NULL, worker, p) != 0) {
            pool_free(p);
            return NULL;
        }
    return p;
}

int pool_submit(struct pool *p, pool_fn *fn, void *arg, struct cfuture **out)
{
    struct job *j;

    if (!p || !fn || !out)
        return CO_EINVAL;
    if (!(j = calloc(1, sizeof *j)) || !(j->cf = cfuture_new())) {
        free(j);
        return CO_ENOMEM;
    }
    j->fn = fn;
    j->arg = arg;
    pthread_mutex_lock(&p->mu);
    if (p->closing) {
        pthread_mutex_unlock(&p->mu);
        cfuture_free(j->cf);
        free(j);
        return CO_ECLOSED;
    }
    *out = j->cf;
    if (p->last)
        p->last->next = j;
    else
        p->first = j;
    p->last = j;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return CO_OK;
}

void pool_free(struct pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->closing = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->n; i++)
        pthread_join(p->thread[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}

/* ---- Step 7: wrap_future --------------------------------------------- */

struct wrap {
    struct ts *ts;
    struct future *fut;
    struct cfuture *cf;
};

/* In the loop's thread: copy cf's outcome into the future. */
static void wrap_copy(struct loop *loop, void *arg)
{
    struct wrap *w = arg;
    struct co_value v;
    struct co_exc e;

    (void)loop;
    if (!future_done(w->fut)) {
        if (cfuture_result(w->cf, 0, &v, &e) == CO_OK)
            future_set_result(w->fut, v, NULL);
        else
            future_set_exception(w->fut, &e, NULL);
    }
    cfuture_free(w->cf);
    free(w);
}

/* In whichever thread finished cf. */
static void wrap_done(struct cfuture *cf, void *arg)
{
    struct wrap *w = arg;

    (void)cf;
    ts_call_soon(w->ts, wrap_copy, w);
}

int wrap_future(struct ts *ts, struct cfuture *cf, struct future **out)
{
    struct wrap *w;

    if (!ts || !cf || !out)
        return CO_EINVAL;
    if (!(w = malloc(sizeof *w)) || !(w->fut = future_new(ts->loop))) {
        free(w);
        return CO_ENOMEM;
    }
    w->ts = ts;
    w->cf = cf;
    *out = w->fut;
    cfuture_add_done_callback(cf, wrap_done, w);
    return CO_OK;
}

int run_in_executor(struct ts *ts, struct pool *p, pool_fn *fn, void *arg,
                    struct future **out)
{
    struct cfuture *cf;
    int r;

    if (!ts || !p || !fn || !out)
        return CO_EINVAL;
    if ((r = pool_submit(p, fn, arg, &cf)) != CO_OK)
        return r;
    return wrap_future(ts, cf, out);
}

/* ---- Step 7: run_coroutine_threadsafe ------------------------------- */

struct rct {
    struct gen *coro;
    struct cfuture *cf;
};

static void rct_task_done(struct future *fut, void *arg)
{
    struct cfuture *cf = arg;
    struct co_value v;
    struct co_exc e;

    if (future_result(fut, &v, &e) == CO_OK)
        cfuture_set_result(cf, v);
    else
        cfuture_set_exception(cf, &e);
    task_free(task_of_future(fut));
}

static void rct_start(struct loop *loop, void *arg)
{
    struct rct *r = arg;
    struct task *t;
    struct co_exc e;

    if (task_create(loop, r->coro, NULL, &t) != CO_OK) {
        gen_free(r->coro);
        e = co_exc_make(CO_RUNTIME_ERROR, "run_coroutine_threadsafe: no task");
        cfuture_set_exception(r->cf, &e);
    } else {
        future_add_done_callback(&t->fut, rct_task_done, r->cf);
    }
    free(r);
}

int run_coroutine_threadsafe(struct ts *ts, struct gen *coro, struct cfuture **out)
{
    struct rct *r;
    int rc;

    if (!ts || !coro || !out)
        return CO_EINVAL;
    if (!(r = malloc(sizeof *r)) || !(r->cf = cfuture_new())) {
        free(r);
        return CO_ENOMEM;
    }
    r->coro = coro;
    *out = r->cf;
    if ((rc = ts_call_soon(ts, rct_start, r)) != CO_OK) {
        cfuture_free(r->cf);
        free(r);
    }
    return rc;
}
