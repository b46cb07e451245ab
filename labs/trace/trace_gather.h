/*
 * trace_gather - lab05's objects a program made, as the playground and
 * the timeline see them: gathers, waits and wait_fors, queues, semaphores
 * and locks, each with its waiters.
 *
 * Nothing in the lab's code reports them: the engine and the traced
 * examples are linked with the linker's --wrap on the calls that make
 * and free them (labs/labs.mk, TG_WRAP), and the wrappers note each one
 * here.  What each one holds is read from its public fields (gather.h,
 * sync.h); a waiter is a future in a queue's, a semaphore's or a lock's
 * FIFO, and the task that waits is the one whose `awaiting` it is.
 */
#ifndef TRACE_GATHER_H
#define TRACE_GATHER_H

#include <stdbool.h>
#include <stddef.h>

#include "gather.h"
#include "sync.h"

enum tg_kind { TG_GATHER, TG_WAIT, TG_WAIT_FOR, TG_QUEUE, TG_SEM, TG_LOCK };

struct tg_obj {
    enum tg_kind kind;
    void *p;                   /* the gather, queue, sem or lock; the wait's coroutine */
    const char *coro_name;     /* a wait's coroutine: its name then, to know it again */
    int number;                /* 1, 2, ... per kind: "queue#2" */
    /* a wait (wait_new's arguments) */
    const struct aw *aws;
    size_t n;
    double timeout;
    enum wait_when when;
    /* a wait_for (wait_for_new's) */
    struct aw aw;
};

/* The objects made so far and not freed, oldest first. */
int tg_count(void);
const struct tg_obj *tg_at(int i);
/* Forget them all (the playground's next scenario). */
void tg_forget_all(void);

/* "gather#1", "queue#1", "Semaphore#1", "wait#1": the object's name. */
const char *tg_name(const struct tg_obj *o, char *buf, size_t n);

/* "FIRST_COMPLETED": a wait's return_when as asyncio spells it. */
const char *tg_when_name(enum wait_when w);

/* The object fut belongs to: a gather's own future (*role "gather"), a
 * waiter of a queue ("get", "put", "join"), of a semaphore or a lock
 * ("acquire"); NULL if none. */
const struct tg_obj *tg_of_future(const struct future *fut, const char **role);

/* The queue, semaphore or lock that woke waiter fut lately (it has left
 * the FIFO by then, its wake-up queued), or NULL. */
const struct tg_obj *tg_woke(const struct future *fut);

/* The wait or wait_for that coroutine g is, or one it delegates to. */
const struct tg_obj *tg_wait_in(const struct gen *g);

/* The gather one of whose children is fut, or NULL. */
const struct tg_obj *tg_gather_of_child(const struct future *fut);

/* The waiters of w (a queue's, a semaphore's or a lock's), first first: the
 * futures not done, into v (room for max); how many. */
size_t tg_waiters(const struct waiters *w, struct future **v, size_t max);

/* Called by the wrapper of waiters_wake_next just before the first waiter
 * not done in w is woken (fut); NULL: nobody notes it.  Weak. */
void tg_on_wake(const struct tg_obj *o, const struct waiters *w, struct future *fut)
    __attribute__((weak));

#endif
