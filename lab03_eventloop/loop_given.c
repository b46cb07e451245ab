/*
 * loop_given.c - the part of lab03's loop that is given: the handle
 * allocator (loop_given.h), loop_init, loop_destroy, loop_time,
 * loop_is_running, loop_is_closed, and the "looking inside" functions
 * with loop_check.  loop.h is the contract of each.
 *
 * It is compiled into both your build and the reference build, so that
 * the given code exists once: you need not (and must not) copy it into
 * loop.c.  The shell's playground relies on these reading the fields the
 * way loop.h describes.
 */
#include "loop_given.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "co_invariant.h"

/* ---- Handles: allocation and recycling ------------------------------ */

struct loop_handle *loop_handle_new(struct loop *loop, enum loop_handle_kind kind,
                                    loop_callback_fn *fn, void *arg)
{
    struct loop_handle *h = loop->spare;

    if (h) {
        loop->spare = h->next;
        loop->n_spare--;
    } else if (!(h = malloc(sizeof *h))) {
        return NULL;
    }
    *h = (struct loop_handle){
        .fn = fn, .arg = arg, .loop = loop, .seq = loop->seq++,
        .kind = kind, .state = LOOP_HANDLE_READY, .fd = -1,
    };
    loop->n_handles++;
    return h;
}

void loop_handle_release(struct loop *loop, struct loop_handle *h)
{
    loop->n_handles--;
    if (loop->n_spare < LOOP_SPARE_MAX) {
        h->state = LOOP_HANDLE_SPARE;
        h->next = loop->spare;
        loop->spare = h;
        loop->n_spare++;
    } else {
        free(h);
    }
}

bool loop_handle_is_io(const struct loop_handle *h)
{
    return h->kind == LOOP_HANDLE_READER || h->kind == LOOP_HANDLE_WRITER;
}

void loop_drop_everything(struct loop *loop)
{
    struct loop_ring *q = &loop->ready;

    for (size_t i = 0; i < q->count; i++) {
        struct loop_handle *h = q->slots[(q->head + i) & (q->cap - 1)];
        if (loop_handle_is_io(h) && !h->cancelled)
            continue;
        loop_handle_release(loop, h);
    }
    q->head = 0;
    q->count = 0;
    for (size_t i = 0; i < loop->timers.count; i++)
        loop_handle_release(loop, loop->timers.slots[i]);
    loop->timers.count = 0;
    loop->timers_cancelled = 0;
    for (size_t i = 0; i < loop->n_io; i++) {
        if (loop->io[i].reader)
            loop_handle_release(loop, loop->io[i].reader);
        if (loop->io[i].writer)
            loop_handle_release(loop, loop->io[i].writer);
    }
    loop->n_io = 0;
}

/* ---- Part B: init, destroy, clock ----------------------------------- */

int loop_init(struct loop *loop, enum loop_clock clock)
{
    if (!loop || (clock != LOOP_CLOCK_MONOTONIC && clock != LOOP_CLOCK_VIRTUAL))
        return CO_EINVAL;
    *loop = (struct loop){ .clock = clock, .now = 0.0 };
    return CO_OK;
}

int loop_destroy(struct loop *loop)
{
    struct loop_handle *h;

    if (!loop)
        return CO_OK;
    if (loop->running)
        return CO_ESTATE;
    loop_drop_everything(loop);
    while ((h = loop->spare)) {
        loop->spare = h->next;
        free(h);
    }
    free(loop->ready.slots);
    free(loop->timers.slots);
    free(loop->io);
    free(loop->pollfds);
    /* Zeroed and closed: a stray call after destroy fails with CO_ECLOSED. */
    *loop = (struct loop){ .clock = loop->clock, .closed = true };
    return CO_OK;
}

double loop_time(const struct loop *loop)
{
    struct timespec ts;

    if (loop->clock == LOOP_CLOCK_VIRTUAL)
        return loop->now;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

bool loop_is_running(const struct loop *loop)
{
    return loop && loop->running;
}

bool loop_is_closed(const struct loop *loop)
{
    return loop && loop->closed;
}

/* ---- Looking inside -------------------------------------------------- */

size_t loop_ready_count(const struct loop *loop)
{
    return loop ? loop->ready.count : 0;
}

const struct loop_handle *loop_ready_at(const struct loop *loop, size_t i)
{
    if (!loop || i >= loop->ready.count)
        return NULL;
    return loop->ready.slots[(loop->ready.head + i) & (loop->ready.cap - 1)];
}

size_t loop_timer_count(const struct loop *loop)
{
    return loop ? loop->timers.count : 0;
}

const struct loop_handle *loop_timer_at(const struct loop *loop, size_t i)
{
    if (!loop || i >= loop->timers.count)
        return NULL;
    return loop->timers.slots[i];
}

size_t loop_io_count(const struct loop *loop)
{
    return loop ? loop->n_io : 0;
}

const struct loop_io *loop_io_at(const struct loop *loop, size_t i)
{
    if (!loop || i >= loop->n_io)
        return NULL;
    return &loop->io[i];
}

size_t loop_handles_in_use(const struct loop *loop)
{
    return loop ? loop->n_handles : 0;
}

/* ---- loop_check: the invariants above struct loop --------------------- */

static const char *state_name(enum loop_handle_state s)
{
    switch (s) {
    case LOOP_HANDLE_SPARE:     return "SPARE";
    case LOOP_HANDLE_READY:     return "READY";
    case LOOP_HANDLE_SCHEDULED: return "SCHEDULED";
    case LOOP_HANDLE_RUNNING:   return "RUNNING";
    case LOOP_HANDLE_IDLE:      return "IDLE";
    }
    return "?";
}

/* What is wrong with io[i]'s reader or writer h (NULL: nothing). */
static const char *io_handle_why(const struct loop *loop, const struct loop_handle *h,
                                 enum loop_handle_kind kind, size_t i, int fd,
                                 char *buf, size_t n)
{
    const char *which = kind == LOOP_HANDLE_READER ? "reader" : "writer";

    if (h->loop != loop || h->kind != kind || h->fd != fd)
        return co_broken(buf, n, "io[%zu] (fd %d): its %s handle is not a %s of this loop "
                         "for fd %d (kind %d, fd %d)", i, fd, which, which, fd,
                         (int)h->kind, h->fd);
    if (h->cancelled)
        return co_broken(buf, n, "io[%zu] (fd %d): its %s is cancelled but still registered "
                         "(unregistering must also clear the entry)", i, fd, which);
    if (h->state != LOOP_HANDLE_IDLE && h->state != LOOP_HANDLE_READY &&
        h->state != LOOP_HANDLE_RUNNING)
        return co_broken(buf, n, "io[%zu] (fd %d): its %s is in state %s (expected IDLE, "
                         "READY or RUNNING)", i, fd, which, state_name(h->state));
    return NULL;
}

static const char *ready_why(const struct loop *loop, char *buf, size_t n)
{
    const struct loop_ring *q = &loop->ready;

    if (q->count > q->cap)
        return co_broken(buf, n, "ready queue: count %zu > cap %zu", q->count, q->cap);
    if ((q->cap & (q->cap - 1)) != 0)
        return co_broken(buf, n, "ready queue: cap %zu is not a power of two", q->cap);
    if (q->cap && !q->slots)
        return co_broken(buf, n, "ready queue: cap %zu but no slots", q->cap);
    if (q->cap ? q->head >= q->cap : q->head != 0)
        return co_broken(buf, n, "ready queue: head %zu is not a slot index (cap %zu): "
                         "a pop must wrap head with & (cap - 1)", q->head, q->cap);
    for (size_t i = 0; i < q->count; i++) {
        size_t slot = (q->head + i) & (q->cap - 1);
        const struct loop_handle *h = q->slots[slot];

        if (!h)
            return co_broken(buf, n, "ready queue: entry %zu (slot %zu) is NULL", i, slot);
        if (h->loop != loop)
            return co_broken(buf, n, "ready queue: entry %zu (slot %zu) belongs to another "
                             "loop", i, slot);
        if (h->state != LOOP_HANDLE_READY)
            return co_broken(buf, n, "ready queue: entry %zu (slot %zu) is in state %s, "
                             "expected READY", i, slot, state_name(h->state));
    }
    return NULL;
}

static const char *timers_why(const struct loop *loop, char *buf, size_t n)
{
    const struct loop_heap *hp = &loop->timers;
    size_t cancelled = 0;

    if (hp->count > hp->cap)
        return co_broken(buf, n, "timer heap: count %zu > cap %zu", hp->count, hp->cap);
    if (hp->cap && !hp->slots)
        return co_broken(buf, n, "timer heap: cap %zu but no slots", hp->cap);
    for (size_t i = 0; i < hp->count; i++) {
        const struct loop_handle *h = hp->slots[i];

        if (!h)
            return co_broken(buf, n, "timer heap: slot %zu is NULL", i);
        if (h->loop != loop || h->kind != LOOP_HANDLE_TIMER)
            return co_broken(buf, n, "timer heap: slot %zu is not a timer of this loop", i);
        if (h->state != LOOP_HANDLE_SCHEDULED)
            return co_broken(buf, n, "timer heap: slot %zu is in state %s, expected "
                             "SCHEDULED", i, state_name(h->state));
        if (i > 0 && loop_handle_before(h, hp->slots[(i - 1) / 2]))
            return co_broken(buf, n, "timer heap: slot %zu (when %g, seq %llu) comes before "
                             "its parent, slot %zu (when %g, seq %llu): not a heap", i,
                             h->when, h->seq, (i - 1) / 2, hp->slots[(i - 1) / 2]->when,
                             hp->slots[(i - 1) / 2]->seq);
        cancelled += h->cancelled;
    }
    if (cancelled != loop->timers_cancelled)
        return co_broken(buf, n, "timers_cancelled is %zu, but the heap holds %zu cancelled "
                         "timers", loop->timers_cancelled, cancelled);
    return NULL;
}

static const char *io_why(const struct loop *loop, char *buf, size_t n)
{
    const char *why;

    if (loop->n_io > loop->cap_io)
        return co_broken(buf, n, "descriptor table: n_io %zu > cap_io %zu", loop->n_io,
                         loop->cap_io);
    if (loop->cap_io && (!loop->io || !loop->pollfds))
        return co_broken(buf, n, "descriptor table: cap_io %zu but io or pollfds is NULL",
                         loop->cap_io);
    for (size_t i = 0; i < loop->n_io; i++) {
        const struct loop_io *e = &loop->io[i];

        if (!e->reader && !e->writer)
            return co_broken(buf, n, "io[%zu] (fd %d) has neither a reader nor a writer: "
                             "it should have left the table", i, e->fd);
        if (e->reader && (why = io_handle_why(loop, e->reader, LOOP_HANDLE_READER, i,
                                              e->fd, buf, n)))
            return why;
        if (e->writer && (why = io_handle_why(loop, e->writer, LOOP_HANDLE_WRITER, i,
                                              e->fd, buf, n)))
            return why;
        for (size_t j = 0; j < i; j++)
            if (loop->io[j].fd == e->fd)
                return co_broken(buf, n, "io[%zu] and io[%zu] both watch fd %d", j, i, e->fd);
    }
    return NULL;
}

const char *loop_check_why(const struct loop *loop, char *buf, size_t n)
{
    const char *why;

    if (!loop)
        return co_broken(buf, n, "the loop is NULL");
    if ((why = ready_why(loop, buf, n)) || (why = timers_why(loop, buf, n)) ||
        (why = io_why(loop, buf, n)))
        return why;
    if (loop->closed && (loop->ready.count || loop->timers.count || loop->n_io))
        return co_broken(buf, n, "a closed loop still holds handles (%zu ready, %zu timers, "
                         "%zu descriptors)", loop->ready.count, loop->timers.count,
                         loop->n_io);
    if (loop->n_spare > LOOP_SPARE_MAX)
        return co_broken(buf, n, "n_spare %zu > LOOP_SPARE_MAX", loop->n_spare);
    return NULL;
}

int loop_check(const struct loop *loop)
{
    char why[CO_INVARIANT_MAX];

    return loop_check_why(loop, why, sizeof why) == NULL;
}
