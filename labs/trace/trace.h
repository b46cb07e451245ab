/*
 * trace - what `labs trace` links into an example to see its schedule.
 *
 * trace_hook.c installs a co_trace hook (common/co_trace.h) before main()
 * runs, when LABS_TRACE is set, and writes every event to stdout as one
 * line, so that the events and the example's own output stay in the
 * order they happened:
 *     \036E <event> <who> <time> <value repr> <text>      (tab-separated)
 * The wrappers below report through trace_emit, as "\036W" lines: the
 * shell prefers those where the labs' code reports the same steps itself
 * (the reference loop does; a student's loop need not).
 *
 * The labs' code does not report events by itself, so the traced build
 * wraps the functions the schedule goes through (the linker's --wrap,
 * see labs/labs.mk): trace_gen.c wraps gen_next/send/throw/close (every
 * resume of a generator), trace_loop.c the loop's scheduling calls (to
 * see callbacks run, and read the loop's clock); trace_task.c (lab04 on)
 * wraps nothing but gives each task its row.
 */
#ifndef LABS_TRACE_H
#define LABS_TRACE_H

#include "co_trace.h"
#include "co_value.h"

struct gen;
struct loop;

/* The clock of the loop the example runs (0 without a loop).  Weak:
 * defined by trace_loop.c only when the example uses a loop. */
double trace__now(void) __attribute__((weak));

/* Describe what a generator driven by the loop yielded ("sleep 1.5",
 * "readable fd 4"); 0 if g is not driven by the loop.  Weak, as above. */
int trace__describe(const struct gen *g, struct co_value v, char *buf, unsigned n)
    __attribute__((weak));

/* The loop the example runs, or NULL.  Weak, as above. */
const struct loop *trace__loop(void) __attribute__((weak));

/* The argument the callback of handle h gets (the wrappers schedule a
 * trampoline that holds it).  Defined by trace_loop.c. */
struct loop_handle;
const void *trace__handle_arg(const struct loop_handle *h);

/* lab04 on (trace_task.c, weak: only in examples that use tasks): the
 * row of the task whose coroutine is g, or NULL (*delegate is set when
 * g is a coroutine a task's coroutine delegates to, such as sleep's: its
 * resumes are the task's own, drawn once); what a task's coroutine awaits when it yields
 * v ("await Task-3", "await sleep until t=2"), 0 if g is no task's; the
 * row of the task a callback is for (its step, its wake-up), by the
 * callback's argument, or NULL. */
const char *trace__row(const struct gen *g, int *delegate) __attribute__((weak));
int trace__await(const struct gen *g, struct co_value v, char *buf, unsigned n)
    __attribute__((weak));
const char *trace__callback_row(const void *arg) __attribute__((weak));

/* lab05 on (trace_waiters.c, weak: only in lab05's examples): what a task
 * awaits in lab05's words, when its coroutine g yields fut ("gather#1
 * of 3", "queue#1.get()"), 0 if fut is none of lab05's;
 * the row a callback with argument arg is for when it is a gather's
 * child's (the row of the task that awaits the gather), or NULL. */
struct future;
int trace__await_more(const struct gen *g, const struct future *fut, char *buf, unsigned n)
    __attribute__((weak));
const char *trace__callback_row_more(const void *arg) __attribute__((weak));

/* Write one wrapper event ("\036W" line); a no-op unless LABS_TRACE is set. */
void trace_emit(enum co_trace_event event, const char *who, double time, struct co_value v,
                const char *text);

/* The row name of object obj called `name`: name itself for the first
 * object of that name, "name#2", "name#3"... for the next ones.  The same
 * object keeps its name for as long as its name pointer stays the same. */
const char *trace_who(const void *obj, const char *name);

/* The time to put in an event: the loop's clock if there is one. */
static inline double trace_time(void)
{
    return trace__now ? trace__now() : 0.0;
}

#endif
