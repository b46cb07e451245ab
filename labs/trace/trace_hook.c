/* trace_hook.c - write every co_trace event to stdout (see trace.h). */
#include "trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "co_trace.h"

/* One field: tabs and line breaks would break the line format. */
static void field(const char *s)
{
    putchar('\t');
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int on;

#define MAX_NAMED 256

static struct named {
    const void *obj;
    const char *name;      /* the name pointer when first seen */
    char who[64];          /* "fibo" or "fibo#2" */
} named[MAX_NAMED];
static int nnamed;

const char *trace_who(const void *obj, const char *name)
{
    int same = 0;

    if (!name)
        name = "?";
    for (int i = nnamed - 1; i >= 0; i--)
        if (named[i].obj == obj && named[i].name == name)
            return named[i].who;
    for (int i = 0; i < nnamed; i++)
        if (strcmp(named[i].name, name) == 0)
            same++;
    if (nnamed == MAX_NAMED)
        return name;
    struct named *n = &named[nnamed++];
    n->obj = obj;
    n->name = name;
    if (same)
        snprintf(n->who, sizeof n->who, "%s#%d", name, same + 1);
    else
        snprintf(n->who, sizeof n->who, "%s", name);
    return n->who;
}

static void line(char kind, enum co_trace_event event, const char *who, double time,
                 struct co_value v, const char *text)
{
    char repr[CO_REPR_MAX], when[48];

    co_value_repr(v, repr, sizeof repr);
    if (v.kind == CO_PTR && v.as.p) {
        /* an object the trace knows (a generator, a task): its name, not its address */
        for (int i = 0; i < nnamed; i++)
            if (named[i].obj == v.as.p) {
                snprintf(repr, sizeof repr, "<%s>", named[i].who);
                break;
            }
    }
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
    line('E', r->event, r->obj ? trace_who(r->obj, r->who) : r->who, r->time, r->value,
         r->text);
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
