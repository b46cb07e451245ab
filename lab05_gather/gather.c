/*
 * gather.c - lab05, part A: composing futures.  Your file.
 *
 * Every function here is a few lines on top of lab04: done callbacks
 * (future_add_done_callback), a waiter future awaited by a coroutine
 * (TASK_TRY_AWAIT), a timer (loop_call_later).  gather.h says what each
 * one must do, and why the callbacks need a counted block.
 */
#include "gather.h"

#include <stdlib.h>
#include <string.h>

/* ---- Step 1: gather ------------------------------------------------- */

int gather_new(struct loop *loop, const struct aw *aws, size_t n, bool return_exceptions,
               struct gather **out)
{
    /* LAB 5.1: check the arguments (gather.h), allocate the gather and
     * make its fut a future of loop; wrap each coroutine in a task of
     * its own (the same coroutine twice: one task), and add ONE done
     * callback to each distinct child.  That callback counts finished
     * children and, as asyncio's _done_callback, fails fut at the first
     * exception (return_exceptions false) or finishes it with co_ptr(ga)
     * once all are done.  n == 0: finish fut at once.
     * Checked by check_gather.c. */
    (void)loop; (void)aws; (void)n; (void)return_exceptions; (void)out;
    return CO_ENOSYS;
}

int gather_result_at(struct gather *ga, size_t i, struct co_value *out, struct co_exc *exc)
{
    /* LAB 5.1: the outcome of child i (future_result).  Checked by
     * check_gather.c. */
    (void)ga; (void)i; (void)out; (void)exc;
    return CO_ENOSYS;
}

bool gather_cancel(struct gather *ga, const char *msg)
{
    /* LAB 5.1: _GatheringFuture.cancel: cancel every child (task_cancel
     * for a task), remember that you did.  Checked by check_gather.c. */
    (void)ga; (void)msg;
    return false;
}

int gather_free(struct gather *ga)
{
    /* LAB 5.1: refuse while something can still call back into ga; then
     * free the tasks it made, its future and itself.  Checked by
     * check_gather.c. */
    (void)ga;
    return CO_ENOSYS;
}

/* ---- Step 2: wait and wait_for ---------------------------------------- */

struct gen *wait_new(const struct aw *aws, size_t n, double timeout, enum wait_when when,
                     struct wait_sets *sets)
{
    /* LAB 5.2: a coroutine (gen_new with a frame of your own) that
     * refuses what 3.11 refuses, adds a completion callback to each
     * future and a timer, awaits a waiter future that either sets, then
     * removes its callbacks and fills *sets.  Checked by check_wait.c. */
    (void)aws; (void)n; (void)timeout; (void)when; (void)sets;
    return NULL;
}

struct gen *wait_for_new(struct aw aw, double timeout)
{
    /* LAB 5.2: a coroutine: await a waiter set by aw's callback or by a
     * timer; on the timeout cancel aw, await it, and raise TimeoutError
     * (unless it finished after all).  Checked by check_wait.c. */
    (void)aw; (void)timeout;
    return NULL;
}

/* ---- Step 3: as_completed and shield ----------------------------------- */

struct as_completed {
    size_t left;    /* add what you need */
};

int as_completed_new(struct loop *loop, struct future *const fs[], size_t n, double timeout,
                     struct as_completed **out)
{
    /* LAB 5.3: register a callback on each future that records it in
     * finishing order, and a timer that records a timeout for the rest.
     * Checked by check_compose.c. */
    (void)loop; (void)fs; (void)n; (void)timeout; (void)out;
    return CO_ENOSYS;
}

struct gen *as_completed_next(struct as_completed *ac)
{
    /* LAB 5.3: a coroutine giving the next recorded outcome, waiting for
     * one if there is none yet.  Checked by check_compose.c. */
    (void)ac;
    return NULL;
}

size_t as_completed_left(const struct as_completed *ac)
{
    /* LAB 5.3 */
    (void)ac;
    return 0;
}

void as_completed_free(struct as_completed *ac)
{
    /* LAB 5.3: free it, or leave it to the last callback still queued. */
    (void)ac;
}

int shield_init(struct shield *s, struct future *inner)
{
    /* LAB 5.3: outer copies inner's outcome (a callback on inner) unless
     * outer was cancelled first.  Checked by check_compose.c. */
    (void)s; (void)inner;
    return CO_ENOSYS;
}

int shield_destroy(struct shield *s)
{
    /* LAB 5.3 */
    (void)s;
    return CO_ENOSYS;
}
