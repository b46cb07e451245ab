/*
 * thread.c - lab05, part C: futures across threads.  Your file.
 *
 * One door into the loop from other threads (ts_call_soon: a mailbox
 * under a mutex, and an eventfd the loop watches with loop_add_reader);
 * a pool of worker threads; and the futures that cross between them.
 * See thread.h.
 */
#include "thread.h"

#include <stdlib.h>

/* ---- Step 6: call_soon_threadsafe ------------------------------------ */

int ts_init(struct ts *ts, struct loop *loop)
{
    /* LAB 5.6: make the wake-up descriptor (ts_wakefd_open), register a reader on it with
     * loop_add_reader; that reader drains the eventfd and moves the
     * mailbox onto the loop (loop_call_soon, in order).  Checked by
     * check_threadsafe.c. */
    (void)ts; (void)loop;
    return CO_ENOSYS;
}

int ts_call_soon(struct ts *ts, loop_callback_fn *fn, void *arg)
{
    /* LAB 5.6: under the mutex, append (fn, arg) and ts_wakefd_signal.
     * Any thread may call this. */
    (void)ts; (void)fn; (void)arg;
    return CO_ENOSYS;
}

int ts_destroy(struct ts *ts)
{
    /* LAB 5.6 */
    (void)ts;
    return CO_ENOSYS;
}

/* ---- Step 7: the pool, and futures across threads ---------------------- */

struct pool {
    unsigned n;    /* add what you need */
};

struct pool *pool_new(unsigned nthreads)
{
    /* LAB 5.7: nthreads workers taking jobs from a FIFO (mutex +
     * condition variable).  Checked by check_executor.c. */
    (void)nthreads;
    return NULL;
}

int pool_submit(struct pool *p, pool_fn *fn, void *arg, struct cfuture **out)
{
    /* LAB 5.7 */
    (void)p; (void)fn; (void)arg; (void)out;
    return CO_ENOSYS;
}

void pool_free(struct pool *p)
{
    /* LAB 5.7: finish what is queued, join the workers. */
    (void)p;
}

int wrap_future(struct ts *ts, struct cfuture *cf, struct future **out)
{
    /* LAB 5.7: a future on ts->loop; cf's done callback (another
     * thread!) may only reach it through ts_call_soon. */
    (void)ts; (void)cf; (void)out;
    return CO_ENOSYS;
}

int run_in_executor(struct ts *ts, struct pool *p, pool_fn *fn, void *arg,
                    struct future **out)
{
    /* LAB 5.7 */
    (void)ts; (void)p; (void)fn; (void)arg; (void)out;
    return CO_ENOSYS;
}

int run_coroutine_threadsafe(struct ts *ts, struct gen *coro, struct cfuture **out)
{
    /* LAB 5.7: through ts_call_soon, make the task in the loop's thread;
     * its done callback finishes the cfuture. */
    (void)ts; (void)coro; (void)out;
    return CO_ENOSYS;
}
