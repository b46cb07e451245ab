#include "co_trace.h"

co_trace_fn *co_trace__fn;
static void *co_trace_arg;

void co_trace_set(co_trace_fn *fn, void *arg)
{
    co_trace__fn = fn;
    co_trace_arg = arg;
}

const char *co_trace_event_name(enum co_trace_event event)
{
    static const char *const names[CO_TRACE_EVENT_COUNT] = {
        "note", "resume", "suspend", "finish", "raise", "callback",
        "timer", "wait",
    };
    if ((unsigned)event < CO_TRACE_EVENT_COUNT)
        return names[event];
    return "?";
}

void co_trace__emit(enum co_trace_event event, const char *who, double time,
                    struct co_value value, const char *text)
{
    co_trace__emit_of(event, NULL, who, time, value, text);
}

void co_trace__emit_of(enum co_trace_event event, const void *obj, const char *who,
                       double time, struct co_value value, const char *text)
{
    struct co_trace_rec rec = {
        .event = event,
        .who = who ? who : "",
        .obj = obj,
        .time = time,
        .value = value,
        .text = text ? text : "",
    };
    /* Read the hook once: it may be removed by the hook itself. */
    co_trace_fn *fn = co_trace__fn;
    if (fn)
        fn(&rec, co_trace_arg);
}
