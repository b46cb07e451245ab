/*
 * task.c - reference solution of lab04, part 2: tasks.
 *
 * A task is one function run again and again: task_step resumes the
 * coroutine once, then looks at what came out.  A yielded future gets the
 * task's wake-up as a done callback; a bare yield queues the next step;
 * a return or an exception finishes the task's own future.  Everything
 * else (cancellation, sleep, run_until_complete, run) is a few lines on
 * top of that and of future.c.
 */
#include "task.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every live task, in creation order (task_all walks it). */
static struct task *all_first, *all_last;
static size_t n_alive;
static uint32_t next_id = 1;

/* The tasks whose steps run right now, innermost last (a step may run
 * another loop, whose steps then run inside it). */
#define TASK_NESTING_MAX 16
static struct task *running[TASK_NESTING_MAX];
static unsigned n_running;

static void step_cb(struct loop *loop, void *arg);
static void wakeup(struct future *fut, void *arg);

/* ---- Step 2: creating a task, and its steps ------------------------ */

int task_create(struct loop *loop, struct gen *coro, const char *name,
                struct task **out)
{
    struct task *t;

    if (!loop || !coro || !out)
        return CO_EINVAL;
    if (gen_state(coro) != GEN_CREATED)
        return CO_ESTATE;
    if (loop_is_closed(loop))
        return CO_ECLOSED;
    if (!(t = calloc(1, sizeof *t)))
        return CO_ENOMEM;
    future_init(&t->fut, loop);
    t->fut.is_task = true;
    t->coro = coro;
    t->name = name;
    if (loop_call_soon(loop, step_cb, t, NULL) != CO_OK) {  /* the first step */
        free(t);
        return CO_ENOMEM;
    }
    t->id = next_id++;
    t->prev = all_last;
    if (all_last)
        all_last->next = t;
    else
        all_first = t;
    all_last = t;
    n_alive++;
    *out = t;
    return CO_OK;
}

/* A cancellation is being delivered: clear must_cancel and give its
 * message, which waited in the (otherwise empty) outcome of the pending
 * task's future. */
static const char *take_cancel(struct task *t)
{
    const char *msg = t->fut.outcome.msg;

    t->must_cancel = false;
    t->fut.outcome.msg = NULL;
    return msg;
}

/* Cancel what a task waits for: a task through task_cancel (so that its
 * coroutine hears of it), a plain future directly. */
static bool cancel_awaited(struct future *fut, const char *msg)
{
    struct task *other = task_of_future(fut);
    return other ? task_cancel(other, msg) : future_cancel(fut, msg);
}

/* The coroutine returned or raised (r, *exc from gen_send/gen_throw):
 * finish the task's future accordingly. */
static void finish(struct task *t, int r, struct co_exc *exc)
{
    if (r != GEN_RAISED && exc->kind == CO_EXC_NONE)
        *exc = co_exc_make(CO_RUNTIME_ERROR, "task %s: resume refused (%s)",
                           t->coro->name, co_errname(r));
    if (co_exc_is(exc, CO_STOP_ITERATION)) {
        if (t->must_cancel) {        /* cancelled during its last step */
            const char *msg = take_cancel(t);
            future_cancel(&t->fut, msg);
        } else {
            future_set_result(&t->fut, exc->value, NULL);
        }
    } else if (co_exc_matches(exc, CO_CANCELLED_ERROR)) {
        future_cancel(&t->fut, co_exc_msg(exc)[0] ? co_exc_msg(exc) : NULL);
    } else {
        future_set_exception(&t->fut, exc, NULL);
    }
}

/* Queue the next step, which will throw a RuntimeError of kind `why`. */
static void throw_later(struct task *t, enum task_throw why)
{
    t->throw_in = (uint8_t)why;
    loop_call_soon(t->fut.loop, step_cb, t, NULL);
}

/* The coroutine yielded v: decide when its next step runs. */
static void took(struct task *t, struct co_value v)
{
    struct future *fut = v.as.p;

    if (v.kind == CO_NONE) {                   /* bare yield: sleep(0) */
        loop_call_soon(t->fut.loop, step_cb, t, NULL);
        return;
    }
    if (v.kind != CO_PTR || !fut || fut->magic != FUTURE_MAGIC) {
        throw_later(t, TASK_THROW_BAD_YIELD);
        return;
    }
    if (fut->loop != t->fut.loop)
        throw_later(t, TASK_THROW_OTHER_LOOP);
    else if (!fut->blocking)
        throw_later(t, TASK_THROW_NOT_BLOCKING);
    else if (fut == &t->fut)
        throw_later(t, TASK_THROW_ITSELF);
    else {
        fut->blocking = false;
        if (future_add_done_callback(fut, wakeup, t) != CO_OK) {
            throw_later(t, TASK_THROW_BAD_YIELD);
            return;
        }
        t->awaiting = fut;                     /* control goes back to the loop */
        if (t->must_cancel && cancel_awaited(fut, t->fut.outcome.msg))
            take_cancel(t);
    }
}

/* One step: resume the coroutine once, with exc_in thrown in (or none
 * sent), and deal with what came out. */
static void task_step(struct task *t, const struct co_exc *exc_in)
{
    struct co_exc exc = { 0 }, cancelled;
    struct co_value out;
    int r;

    if (future_done(&t->fut))
        return;
    if (t->must_cancel) {
        const char *msg = take_cancel(t);
        if (!exc_in || !co_exc_matches(exc_in, CO_CANCELLED_ERROR)) {
            cancelled = co_exc_make(CO_CANCELLED_ERROR, msg ? "%s" : NULL, msg);
            exc_in = &cancelled;
        }
    }
    t->awaiting = NULL;
    if (n_running < TASK_NESTING_MAX)
        running[n_running] = t;
    n_running++;
    t->stepping = true;
    /* Control goes into the coroutine, down its chain of delegations,
     * and comes back at its next yield, return or raise. */
    r = exc_in ? gen_throw(t->coro, exc_in, &out, &exc)
               : gen_send(t->coro, co_none(), &out, &exc);
    t->stepping = false;
    n_running--;
    if (r == GEN_YIELDED)
        took(t, out);
    else
        finish(t, r, &exc);
}

/* What task_create and every later step queue with loop_call_soon. */
static void step_cb(struct loop *loop, void *arg)
{
    struct task *t = arg;
    char name[32], repr[CO_REPR_MAX];
    struct co_exc err;

    (void)loop;
    if (t->throw_in == TASK_THROW_NOTHING) {
        task_step(t, NULL);
        return;
    }
    co_value_repr(t->coro->value, repr, sizeof repr);   /* what it yielded */
    switch (t->throw_in) {
    case TASK_THROW_NOT_BLOCKING:
        err = co_exc_make(CO_RUNTIME_ERROR, "yield was used instead of yield from "
                          "in task %s with %s", task_name(t, name, sizeof name), repr);
        break;
    case TASK_THROW_OTHER_LOOP:
        err = co_exc_make(CO_RUNTIME_ERROR, "Task %s got Future %s attached to a "
                          "different loop", task_name(t, name, sizeof name), repr);
        break;
    case TASK_THROW_ITSELF:
        err = co_exc_make(CO_RUNTIME_ERROR, "Task cannot await on itself: %s",
                          task_name(t, name, sizeof name));
        break;
    default:
        err = co_exc_make(CO_RUNTIME_ERROR, "Task got bad yield: %s", repr);
        break;
    }
    t->throw_in = TASK_THROW_NOTHING;
    task_step(t, &err);
}

/* The awaited future is done (run by the loop, as its done callback). */
static void wakeup(struct future *fut, void *arg)
{
    struct co_exc exc;
    struct co_value v;

    if (future_result(fut, &v, &exc) == GEN_RAISED)
        task_step(arg, &exc);        /* throw its exception in */
    else
        task_step(arg, NULL);        /* the await reads the result */
}

int task_free(struct task *t)
{
    char name[32], detail[160];
    bool closed;

    if (!t)
        return CO_OK;
    closed = loop_is_closed(t->fut.loop);
    if (t->stepping || (!closed && (!future_done(&t->fut) || t->fut.n_scheduled)))
        return CO_ESTATE;
    if (t->fut.log_exception) {      /* failed, and nobody looked */
        snprintf(detail, sizeof detail, "name='%s' coro=<%s() done>",
                 task_name(t, name, sizeof name), t->coro->name);
        future_log_unretrieved(&t->fut, "Task", detail);
    }
    if (t->awaiting)                 /* loop closed under it */
        future_remove_done_callback(t->awaiting, wakeup, t);
    t->awaiting = NULL;
    if (t->prev)
        t->prev->next = t->next;
    else
        all_first = t->next;
    if (t->next)
        t->next->prev = t->prev;
    else
        all_last = t->prev;
    n_alive--;
    gen_free(t->coro);               /* closes it if the loop closed under it */
    future_destroy(&t->fut);
    free(t);
    return CO_OK;
}

struct future *task_awaiting(const struct task *t)
{
    return t ? t->awaiting : NULL;
}

size_t task_alive(void)
{
    return n_alive;
}

/* ---- Step 3: cancellation ------------------------------------------ */

bool task_cancel(struct task *t, const char *msg)
{
    if (!t)
        return false;
    t->fut.log_exception = false;
    if (future_done(&t->fut))
        return false;
    if (t->cancels < UINT16_MAX)
        t->cancels++;
    if (t->awaiting && cancel_awaited(t->awaiting, msg))
        return true;                 /* its wake-up throws CancelledError in */
    t->must_cancel = true;           /* thrown in at the next step, with msg */
    t->fut.outcome.msg = msg ? co_exc_intern_str(msg) : NULL;
    return true;
}

unsigned task_cancelling(const struct task *t)
{
    return t->cancels;
}

unsigned task_uncancel(struct task *t)
{
    if (t->cancels > 0)
        t->cancels--;
    return t->cancels;
}

/* ---- Step 4: the running task, all tasks, names, sleep ------------- */

struct task *task_current(const struct loop *loop)
{
    for (unsigned i = n_running < TASK_NESTING_MAX ? n_running : TASK_NESTING_MAX;
         i-- > 0;)
        if (running[i]->fut.loop == loop)
            return running[i];
    return NULL;
}

struct loop *task_running_loop(void)
{
    if (n_running == 0 || n_running > TASK_NESTING_MAX)
        return NULL;
    return running[n_running - 1]->fut.loop;
}

size_t task_all(const struct loop *loop, struct task **out, size_t max)
{
    size_t n = 0;

    for (struct task *t = all_first; t; t = t->next)
        if (t->fut.loop == loop && !future_done(&t->fut)) {
            if (n < max)
                out[n] = t;
            n++;
        }
    return n;
}

void task_set_name(struct task *t, const char *name)
{
    t->name = name;
}

/* asyncio.sleep as a coroutine: a future in the frame, a timer that sets
 * it, an await. */
struct sleep_frame {
    double delay;
    struct co_value result;
    struct loop_handle *timer;   /* claim check: NULL once it fired */
    struct co_value got;
    struct co_exc caught;
    struct future fut;
};

static void sleep_fire(struct loop *loop, void *arg)
{
    struct sleep_frame *f = arg;

    (void)loop;
    f->timer = NULL;                 /* the handle is the loop's again */
    if (!future_done(&f->fut))       /* _set_result_unless_cancelled */
        future_set_result(&f->fut, f->result, NULL);
}

static enum gen_step sleep_body(struct gen *g, void *frame)
{
    struct sleep_frame *f = frame;
    struct loop *loop;

    GEN_BEGIN(g);
    if (!(loop = task_running_loop()))
        GEN_RAISE(g, CO_RUNTIME_ERROR, "no running event loop");
    future_init(&f->fut, loop);
    if (loop_call_later(loop, isinf(f->delay) ? 1e300 : f->delay, sleep_fire, f,
                        &f->timer) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "sleep: the loop refused the timer");
    TASK_TRY_AWAIT(g, &f->fut, f->got, f->caught);
    if (f->caught.kind != CO_EXC_NONE) {
        /* Cancelled (or closed): the timer must never fire into a dead frame. */
        if (f->timer && !loop_is_closed(f->fut.loop))
            loop_handle_cancel(f->timer);
        f->timer = NULL;
        future_destroy(&f->fut);
        GEN_RERAISE(g, f->caught);
    }
    future_destroy(&f->fut);
    GEN_RETURN(g, f->result);
    GEN_END(g);
}

/* sleep(0): one bare yield, so its frame holds only the result (a
 * million tasks at sleep(0) at once should not pay for a future each). */
static enum gen_step sleep0_body(struct gen *g, void *frame)
{
    struct co_value *result = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, co_none());
    GEN_RETURN(g, *result);
    GEN_END(g);
}

struct gen *task_sleep(double delay, struct co_value result)
{
    struct gen *g;
    struct sleep_frame *f;

    if (!(delay > 0)) {              /* 0, negative or NaN */
        if ((g = gen_new("sleep", sleep0_body, sizeof result)))
            *(struct co_value *)gen_frame(g) = result;
        return g;
    }
    if (!(g = gen_new("sleep", sleep_body, sizeof(struct sleep_frame))))
        return NULL;
    f = gen_frame(g);
    f->delay = delay;
    f->result = result;
    return g;
}

/* ---- Step 5: running a loop until a future is done ----------------- */

static void stop_loop(struct future *fut, void *arg)
{
    (void)fut;
    loop_stop(arg);
}

int task_run_until_complete(struct loop *loop, struct future *fut,
                            struct co_value *out, struct co_exc *exc)
{
    int r;

    if (!loop || !fut || !out || !exc || fut->loop != loop)
        return CO_EINVAL;
    if (loop_is_closed(loop))
        return CO_ECLOSED;
    if (loop_is_running(loop)) {
        *exc = co_exc_make(CO_RUNTIME_ERROR, "This event loop is already running");
        return CO_ESTATE;
    }
    if ((r = future_add_done_callback(fut, stop_loop, loop)) != CO_OK)
        return r;
    loop_run_forever(loop);          /* until stop_loop, or nothing is left */
    future_remove_done_callback(fut, stop_loop, loop);
    if (!future_done(fut)) {
        *exc = co_exc_make(CO_RUNTIME_ERROR, "Event loop stopped before Future completed.");
        return GEN_RAISED;
    }
    return future_result(fut, out, exc);
}

/* asyncio.run's _cancel_all_tasks: cancel, then run until all are done. */
static void cancel_all(struct loop *loop)
{
    size_t n = task_all(loop, NULL, 0);
    struct task **left;

    if (n == 0 || !(left = malloc(n * sizeof *left)))
        return;
    task_all(loop, left, n);
    for (size_t i = 0; i < n; i++)
        task_cancel(left[i], NULL);
    while (task_all(loop, NULL, 0) > 0)
        if (loop_run_once(loop) <= 0 && loop_handles_in_use(loop) == 0)
            break;                   /* nothing can run any more */
    for (size_t i = 0; i < n; i++) {
        struct co_exc e;
        char text[CO_EXC_FORMAT_MAX], name[32];
        if (future_done(&left[i]->fut) && !future_cancelled(&left[i]->fut)
            && future_exception(&left[i]->fut, &e) == CO_OK && e.kind != CO_EXC_NONE)
            fprintf(stderr, "unhandled exception during asyncio.run() shutdown\n"
                    "task: <Task finished name='%s'> %s\n",
                    task_name(left[i], name, sizeof name),
                    co_exc_format(&e, text, sizeof text));
    }
    free(left);
}

int task_run(struct gen *main, enum loop_clock clock, struct co_value *out,
             struct co_exc *exc)
{
    struct loop loop;
    struct task *t;
    int r;

    if (!main || !out || !exc) {
        gen_free(main);
        return CO_EINVAL;
    }
    if (task_running_loop()) {
        *exc = co_exc_make(CO_RUNTIME_ERROR,
                           "asyncio.run() cannot be called from a running event loop");
        gen_free(main);
        return CO_ESTATE;
    }
    loop_init(&loop, clock);
    if ((r = task_create(&loop, main, NULL, &t)) != CO_OK) {
        gen_free(main);
        loop_destroy(&loop);
        return r;
    }
    r = task_run_until_complete(&loop, &t->fut, out, exc);
    cancel_all(&loop);
    loop_close(&loop);
    for (struct task *p = all_first, *next; p; p = next) {
        next = p->next;
        if (p->fut.loop == &loop)
            task_free(p);
    }
    loop_destroy(&loop);
    return r;
}
