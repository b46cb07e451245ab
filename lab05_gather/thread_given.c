/*
 * thread_given.c - the part of lab05 you do not write: the thread-side
 * future (concurrent.futures.Future).  Linked into every build.
 */
#include "thread.h"

#include <errno.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

struct cfuture *cfuture_new(void)
{
    struct cfuture *cf = calloc(1, sizeof *cf);

    if (cf) {
        pthread_mutex_init(&cf->mu, NULL);
        pthread_cond_init(&cf->cv, NULL);
    }
    return cf;
}

void cfuture_free(struct cfuture *cf)
{
    if (!cf)
        return;
    pthread_mutex_destroy(&cf->mu);
    pthread_cond_destroy(&cf->cv);
    free(cf);
}

static int finish(struct cfuture *cf, struct co_exc e)
{
    cfuture_done_fn *cb;
    void *arg;

    pthread_mutex_lock(&cf->mu);
    if (cf->done) {
        pthread_mutex_unlock(&cf->mu);
        return CO_ESTATE;
    }
    cf->done = true;
    cf->outcome = e;
    cb = cf->cb;
    arg = cf->cb_arg;
    pthread_cond_broadcast(&cf->cv);
    pthread_mutex_unlock(&cf->mu);
    if (cb)                      /* control goes to the callback, in this thread */
        cb(cf, arg);
    return CO_OK;
}

int cfuture_set_result(struct cfuture *cf, struct co_value v)
{
    return cf ? finish(cf, co_exc_stop(v)) : CO_EINVAL;
}

int cfuture_set_exception(struct cfuture *cf, const struct co_exc *e)
{
    return cf && e && e->kind != CO_EXC_NONE ? finish(cf, *e) : CO_EINVAL;
}

bool cfuture_done(struct cfuture *cf)
{
    bool d;

    pthread_mutex_lock(&cf->mu);
    d = cf->done;
    pthread_mutex_unlock(&cf->mu);
    return d;
}

int cfuture_add_done_callback(struct cfuture *cf, cfuture_done_fn *fn, void *arg)
{
    bool done;

    if (!cf || !fn)
        return CO_EINVAL;
    pthread_mutex_lock(&cf->mu);
    done = cf->done;
    if (!done) {
        cf->cb = fn;
        cf->cb_arg = arg;
    }
    pthread_mutex_unlock(&cf->mu);
    if (done)
        fn(cf, arg);
    return CO_OK;
}

int cfuture_result(struct cfuture *cf, double timeout, struct co_value *out,
                   struct co_exc *exc)
{
    struct timespec until;
    int r = 0;

    if (!cf || !out || !exc)
        return CO_EINVAL;
    clock_gettime(CLOCK_REALTIME, &until);
    if (!isinf(timeout)) {
        double s = timeout > 0 ? timeout : 0;
        until.tv_sec += (time_t)s;
        until.tv_nsec += (long)((s - floor(s)) * 1e9);
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&cf->mu);
    while (!cf->done && r != ETIMEDOUT)
        r = isinf(timeout) ? pthread_cond_wait(&cf->cv, &cf->mu)
                           : pthread_cond_timedwait(&cf->cv, &cf->mu, &until);
    if (!cf->done) {
        pthread_mutex_unlock(&cf->mu);
        *exc = co_exc_make(CO_TIMEOUT_ERROR, NULL);
        return GEN_RAISED;
    }
    if (co_exc_is(&cf->outcome, CO_STOP_ITERATION)) {
        *out = cf->outcome.value;
        pthread_mutex_unlock(&cf->mu);
        return CO_OK;
    }
    *exc = cf->outcome;
    pthread_mutex_unlock(&cf->mu);
    return GEN_RAISED;
}

int ts_wakefd_open(void)
{
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void ts_wakefd_signal(int fd)
{
    uint64_t one = 1;

    if (write(fd, &one, sizeof one) < 0) {
        /* the count is full: a wake-up is pending anyway */
    }
}

void ts_wakefd_drain(int fd)
{
    uint64_t count;

    if (read(fd, &count, sizeof count) < 0) {
        /* EAGAIN: drained already */
    }
}

void ts_wakefd_close(int fd)
{
    close(fd);
}
