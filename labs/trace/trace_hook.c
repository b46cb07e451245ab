/* trace_hook.c - write every co_trace event to stdout (see trace.h). */
#include "trace.h"

#include <stdio.h>
#include <stdlib.h>

#include "co_trace.h"

/* One field: tabs and line breaks would break the line format. */
static void field(const char *s)
{
    putchar('\t');
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int on;

static void line(char kind, enum co_trace_event event, const char *who, double time,
                 struct co_value v, const char *text)
{
    char repr[CO_REPR_MAX], when[48];

    co_value_repr(v, repr, sizeof repr);
    snprintf(when, sizeof when, "%.9g", time);
    /* the same stream as the example's printf: the order is kept */
    putchar('\036');
    putchar(kind);
    field(co_trace_event_name(event));
    field(who ? who : "");
    field(when);
    field(repr);
    field(text ? text : "");
    putchar('\n');
}

static void hook(const struct co_trace_rec *r, void *arg)
{
    (void)arg;
    line('E', r->event, r->who, r->time, r->value, r->text);
}

void trace_emit(enum co_trace_event event, const char *who, double time, struct co_value v,
                const char *text)
{
    if (on)
        line('W', event, who, time, v, text);
}

__attribute__((constructor)) static void install(void)
{
    if (getenv("LABS_TRACE")) {
        on = 1;
        co_trace_set(hook, NULL);
    }
}
