/*
 * co_trace - an optional event stream: who ran, when, and what happened.
 *
 * The student shell's playground and its timeline view (`labs trace`)
 * need to see a schedule as it happens.  Rather than parse printed
 * output, they install one hook; the labs' given code, examples and the
 * shell call co_trace() at interesting moments.  With no hook installed
 * a call costs one load and one branch, so it can stay in hot paths.
 *
 * Ground rules:
 *   - one hook per process; installing a new one replaces the old;
 *   - the record and its strings are borrowed for the duration of the
 *     call only: a hook that keeps them must copy them;
 *   - a hook must not call back into the generator or loop it observes.
 */
#ifndef CO_TRACE_H
#define CO_TRACE_H

#include "co_value.h"

enum co_trace_event {
    CO_TRACE_NOTE = 0,    /* free text from an example: "task 1 prints 1" */
    CO_TRACE_RESUME,      /* a generator or task is about to run */
    CO_TRACE_SUSPEND,     /* it yielded (value = what it yielded) */
    CO_TRACE_FINISH,      /* it returned (value = return value) */
    CO_TRACE_RAISE,       /* an exception escaped it (text = the exception) */
    CO_TRACE_CALLBACK,    /* the loop runs a callback */
    CO_TRACE_TIMER,       /* a timer was scheduled (value = due time) */
    CO_TRACE_WAIT,        /* a task waits on something (text says what) */
    CO_TRACE_EVENT_COUNT  /* not an event: the number of events */
};

struct co_trace_rec {
    enum co_trace_event event;  /* what happened */
    const char *who;            /* name of the generator/task/callback; never NULL */
    const void *obj;            /* the object the event is about (a generator, a task, a
                                 * future), or NULL: its identity, so that two objects of
                                 * the same name are told apart (see co_trace_of) */
    double time;                /* the loop's clock, or 0 outside a loop */
    struct co_value value;      /* event-specific, see above */
    const char *text;           /* event-specific text; never NULL */
};

typedef void co_trace_fn(const struct co_trace_rec *rec, void *arg);

/* Install fn (NULL removes the hook).  Not thread-safe: set it up before
 * any thread starts. */
void co_trace_set(co_trace_fn *fn, void *arg);

/* "note", "resume", ... for printing. */
const char *co_trace_event_name(enum co_trace_event event);

/* The installed hook; read by co_trace() below, never written directly. */
extern co_trace_fn *co_trace__fn;
void co_trace__emit(enum co_trace_event event, const char *who, double time,
                    struct co_value value, const char *text);
void co_trace__emit_of(enum co_trace_event event, const void *obj, const char *who,
                       double time, struct co_value value, const char *text);

/* Report one event to the hook, if any.  who and text may be NULL. */
static inline void co_trace(enum co_trace_event event, const char *who,
                            double time, struct co_value value,
                            const char *text)
{
    if (co_trace__fn)
        co_trace__emit(event, who, time, value, text);
}

/* The same, about one object: obj is its address (say, the struct gen or
 * task), stable for as long as the object lives, so that a viewer gives
 * each object its own row even when names repeat ("worker", "worker#2").
 * A value that is a pointer should be described in text ("future of
 * fetch", "sleep 1"): a viewer shows the text, never the address. */
static inline void co_trace_of(enum co_trace_event event, const void *obj, const char *who,
                               double time, struct co_value value, const char *text)
{
    if (co_trace__fn)
        co_trace__emit_of(event, obj, who, time, value, text);
}

#endif
