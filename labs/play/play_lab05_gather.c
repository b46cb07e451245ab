/*
 * play_lab05_gather.c - lab05's playground: gathers, waits, queues and
 * semaphores on an event loop, one iteration at a time.
 *
 * As lab04's (play_task.c: every task, its state, what it awaits; the
 * ready queue; the timers), with the examples' scenarios
 * (examples/example.h: EXAMPLE_MAIN), and what lab05 adds: each gather
 * (its children, which are done and how, the results so far), each wait
 * and wait_for (what it waits on, its timeout), each Queue (its items,
 * the tasks waiting to get and to put), each Semaphore and Lock (its
 * value, its waiters).  They are seen through the wrappers of
 * labs/trace/trace_gather.h and read from their public fields.
 */
#include "play.h"

#include <string.h>

#include "play_loop.h"
#include "play_task.h"
#include "../trace/trace_gather.h"

/* ---- what a task awaits, in lab05's words ------------------------------------ */

static const char *timeout_text(double t, char *buf, size_t n)
{
    if (t == WAIT_FOREVER)
        snprintf(buf, n, "no timeout");
    else
        snprintf(buf, n, "timeout %g s", t);
    return buf;
}

/* A future by whose it is: "Task-2 (hello, #2)", else "a future". */
static const char *future_who(const struct future *fut, char *buf, size_t n)
{
    struct task *t = fut ? task_of_future((struct future *)fut) : NULL;

    if (t)
        return play_task_who(t, buf, n);
    snprintf(buf, n, "a future");
    return buf;
}

/* "2nd of 3": where fut stands among w's waiters. */
static const char *place(const struct waiters *w, const struct future *fut, char *buf, size_t n)
{
    struct future *v[64];
    size_t k = tg_waiters(w, v, 64);

    for (size_t i = 0; i < k; i++)
        if (v[i] == fut) {
            snprintf(buf, n, "%zu%s in line of %zu", i + 1,
                     i == 0 ? "st" : i == 1 ? "nd" : i == 2 ? "rd" : "th", k);
            return buf;
        }
    snprintf(buf, n, "not in line");
    return buf;
}

/* What a wait_for waits for: its future, or the task its coroutine became. */
static const struct future *wait_for_inner(const struct tg_obj *o)
{
    for (int i = 0; !o->aw.fut && i < play_task_count(); i++)
        if (play_task_at(i)->coro == o->aw.coro)
            return &play_task_at(i)->fut;
    return o->aw.fut;
}

bool play_task_awaits_more(const struct task *t, const struct future *fut, char *buf, size_t n)
{
    const struct tg_obj *o = tg_wait_in(t->coro);
    const char *role = NULL;
    char name[32], w[96], p[48], tt[32];

    if (o && o->kind == TG_WAIT) {
        size_t done = 0;
        for (size_t i = 0; o->aws && i < o->n; i++)
            done += o->aws[i].fut && future_done(o->aws[i].fut);
        snprintf(buf, n, "awaits %s (%s, %s) on %zu: %zu done", tg_name(o, name, sizeof name),
                 tg_when_name(o->when), timeout_text(o->timeout, tt, sizeof tt), o->n, done);
        return true;
    }
    if (o && o->kind == TG_WAIT_FOR) {
        const struct future *inner = wait_for_inner(o);
        snprintf(buf, n, "awaits %s of %s, %s: %s", tg_name(o, name, sizeof name),
                 future_who(inner, w, sizeof w), timeout_text(o->timeout, tt, sizeof tt),
                 inner ? future_state_name(future_state(inner)) : "?");
        return true;
    }
    o = tg_of_future(fut, &role);
    if (!o && (o = tg_woke(fut)) && !future_cancelled(fut)) {
        snprintf(buf, n, "woken by %s: its turn came, its wake-up is queued",
                 tg_name(o, name, sizeof name));
        return true;
    }
    if (!o)
        return false;
    tg_name(o, name, sizeof name);
    if (o->kind == TG_GATHER) {
        const struct gather *ga = o->p;
        snprintf(buf, n, "awaits %s: %zu of %zu children done", name, ga->n_finished,
                 ga->n_distinct);
    } else if (o->kind == TG_QUEUE) {
        const struct queue *q = o->p;
        const struct waiters *wq = role[0] == 'g' ? &q->getters : role[0] == 'p' ? &q->putters
                                                                   : &q->joiners;
        snprintf(buf, n, "awaits %s.%s(): %zu item%s, %s", name, role, q->count,
                 q->count == 1 ? "" : "s", place(wq, fut, p, sizeof p));
    } else {
        const struct waiters *wq = o->kind == TG_SEM ? &((const struct sem *)o->p)->waiters
                                                     : &((const struct lock *)o->p)->waiters;
        snprintf(buf, n, "awaits %s.acquire(): %s", name, place(wq, fut, p, sizeof p));
    }
    return true;
}

/* ---- gathers, waits, queues, semaphores and locks ------------------------------ */

/* A done future's outcome: "15", "raised EOFError", "cancelled". */
static const char *outcome(const struct future *fut, char *buf, size_t n)
{
    char v[CO_REPR_MAX];

    if (!future_done(fut))
        snprintf(buf, n, "pending");
    else if (future_cancelled(fut))
        snprintf(buf, n, "cancelled");
    else if (co_exc_is(&fut->outcome, CO_STOP_ITERATION))
        snprintf(buf, n, "%s", co_value_repr(fut->outcome.value, v, sizeof v));
    else
        snprintf(buf, n, "raised %s", co_exc_kind_name(fut->outcome.kind));
    return buf;
}

/* "    waiting to get: Task-2 (worker, #2), Task-3 (worker, #3)" */
static void show_waiters(const char *what, const struct waiters *w)
{
    struct future *v[64];
    size_t k = tg_waiters(w, v, 64);

    printf("      %-16s", what);
    if (k == 0)
        printf(" nobody");
    for (size_t i = 0; i < k; i++) {
        struct task *t = play_task_awaiting(v[i]);
        char who[96];
        printf("%s %s", i ? "," : "", t ? play_task_who(t, who, sizeof who) : "a future");
    }
    printf("\n");
}

static void show_gather(const struct tg_obj *o, const char *name)
{
    const struct gather *ga = o->p;
    struct task *waiter = play_task_awaiting(&ga->fut);
    char who[96], r[CO_REPR_MAX + 16];

    printf("    %-12s %s, %zu of %zu children done%s; awaited by %s\n", name,
           future_state_name(future_state(&ga->fut)), ga->n_finished, ga->n_distinct,
           ga->return_exceptions ? ", return_exceptions" : "",
           waiter ? play_task_who(waiter, who, sizeof who) : "nobody now");
    for (size_t i = 0; ga->child && i < ga->n; i++)
        printf("      %zu. %-28s %s\n", i, future_who(ga->child[i], who, sizeof who),
               outcome(ga->child[i], r, sizeof r));
}

static void show_wait(const struct tg_obj *o, const char *name)
{
    char who[96], tt[32], r[CO_REPR_MAX + 16];
    struct task *t = NULL;

    /* a wait lives while a task delegates to it: what it borrowed too */
    for (int i = 0; !t && i < play_task_count(); i++)
        if (!future_done(&play_task_at(i)->fut) && tg_wait_in(play_task_at(i)->coro) == o)
            t = play_task_at(i);
    if (!t) {
        printf("    %-12s over\n", name);
        return;
    }
    if (o->kind == TG_WAIT_FOR) {
        const struct future *inner = wait_for_inner(o);
        printf("    %-12s %s of %s, in %s\n", name, timeout_text(o->timeout, tt, sizeof tt),
               future_who(inner, who, sizeof who), play_task_who(t, r, sizeof r));
        return;
    }
    printf("    %-12s %s, %s, in %s\n", name, tg_when_name(o->when),
           timeout_text(o->timeout, tt, sizeof tt), play_task_who(t, who, sizeof who));
    for (size_t i = 0; o->aws && i < o->n; i++)
        if (o->aws[i].fut)
            printf("      %zu. %-28s %s\n", i, future_who(o->aws[i].fut, who, sizeof who),
                   outcome(o->aws[i].fut, r, sizeof r));
}

static void show_queue(const struct queue *q, const char *name)
{
    char v[CO_REPR_MAX];

    printf("    %-12s %zu item%s (maxsize %zu%s):", name, q->count, q->count == 1 ? "" : "s",
           q->maxsize, q->maxsize ? "" : ": unbounded");
    for (size_t i = 0; q->items && q->cap && i < q->count; i++)
        printf(" %s", co_value_repr(q->items[(q->head + i) % q->cap], v, sizeof v));
    printf("   unfinished %zu\n", q->unfinished);
    show_waiters("waiting to get:", &q->getters);
    show_waiters("waiting to put:", &q->putters);
    if (q->joiners.n)
        show_waiters("in join():", &q->joiners);
}

void play_task_show_more(void)
{
    int n = tg_count();

    printf("  %sgathers, waits, queues, semaphores and locks%s (%d):%s\n", play_c(P_BOLD),
           play_c(P_OFF), n, n ? "" : " none");
    for (int i = 0; i < n; i++) {
        const struct tg_obj *o = tg_at(i);
        char name[32];
        tg_name(o, name, sizeof name);
        switch (o->kind) {
        case TG_GATHER:
            show_gather(o, name);
            break;
        case TG_WAIT:
        case TG_WAIT_FOR:
            show_wait(o, name);
            break;
        case TG_QUEUE:
            show_queue(o->p, name);
            break;
        case TG_SEM:
            printf("    %-12s value %ld%s\n", name, ((const struct sem *)o->p)->value,
                   sem_locked(o->p) ? " (locked)" : "");
            show_waiters("waiting:", &((const struct sem *)o->p)->waiters);
            break;
        case TG_LOCK:
            printf("    %-12s %s\n", name, ((const struct lock *)o->p)->locked ? "locked" : "free");
            show_waiters("waiting:", &((const struct lock *)o->p)->waiters);
            break;
        }
    }
}

/* ---- the playground ------------------------------------------------------------- */

static void forget(void)
{
    play_task_forget();
    tg_forget_all();
}

const struct play_loop_lab play_loop_lab = {
    .file = "gather.c or sync.c",
    .forget = forget,
    .before = play_task_remember,
    .show_all = play_task_show_all,
    .show_tasks = play_task_show,
    .handle_name = play_task_handle_name,
};

static void cmd_objects(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        play_task_show_more();
}

static const struct play_cmd cmds[] = {
    PLAY_LOOP_CMDS("a fresh loop with that example's main as a task",
                   "time, tasks, gathers/waits/queues, ready queue, timers",
                   "every task: state, coroutine, what it awaits"),
    { "gathers", cmd_objects, "gathers", "gathers, waits, queues, semaphores, locks and their waiters" },
    PLAY_TASK_CANCEL_CMD,
    { NULL, NULL, NULL, NULL },
};

/* Is the lab written?  An empty gather and an empty queue, on a loop of
 * their own: CO_ENOSYS from the skeleton. */
static void probe(void)
{
    struct loop l;
    struct gather *ga = NULL;
    struct queue q;
    int rg, rq;

    if (loop_init(&l, LOOP_CLOCK_VIRTUAL) != CO_OK)
        return;
    rg = gather_new(&l, NULL, 0, false, &ga);
    if (rg == CO_OK)
        gather_free(ga);
    rq = queue_init(&q, &l, 0);
    if (rq == CO_OK)
        queue_destroy(&q);
    loop_close(&l);
    loop_destroy(&l);
    tg_forget_all();
    if (rg == CO_ENOSYS || rq == CO_ENOSYS) {
        const char *what = rg == CO_ENOSYS && rq == CO_ENOSYS ? "gather.c and sync.c"
                           : rg == CO_ENOSYS ? "gather.c" : "sync.c";
        printf("%sYour lab05 is not written yet:%s %s still return%s CO_ENOSYS (gather_new, "
               "queue_init), so every scenario stops at its first gather or queue.%s\n",
               play_c(P_YELLOW), play_c(P_OFF), what, strchr(what, ' ') ? "" : "s",
               play_todo_hint(what));
    }
}

static void intro(void)
{
    printf("%slab05 playground%s: gathers, waits, queues and semaphores on a loop with a "
           "virtual clock, one iteration at a time.\n", play_c(P_BOLD), play_c(P_OFF));
    printf("Try:  load gather_hello   step 3   gathers   run      load queue_workers   step 4\n");
    printf("`scenarios` lists the scenarios, `help` the commands, `quit` leaves.\n");
    probe();
}

const struct play_lab play_lab = {
    .title = "lab05_gather playground: gathers, waits and queues, one iteration at a time",
    .intro = intro,
    .cmds = cmds,
    .context = play_loop_context,
    .complete = play_task_complete,
    .cleanup = play_loop_teardown,
};
