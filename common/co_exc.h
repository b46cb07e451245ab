/*
 * co_exc - an exception, as a small plain value.
 *
 * Python raises exceptions up the stack; C cannot.  In the labs an
 * exception is a small struct that a coroutine body fills in and hands
 * back to whoever resumed it (gen_send's `exc` out-parameter, a future's
 * stored exception).  It is copied with `=` and owns nothing: its
 * message is a pointer to a string that never goes away (a copy kept in
 * a table of interned strings, so that equal messages are stored once),
 * and its context is a pointer to an interned, immutable copy of another
 * exception.  So an exception never leaks and never dangles, and it is
 * 40 bytes: kind (4, and the `cause` flag in the padding), message
 * pointer (8), value (16), context pointer (8).  (Until lab04 it carried
 * a 96-byte message array: 120 bytes in every generator, every future.)
 * The interned strings are kept for the life of the process: a message
 * costs its length once, however often it is raised.
 *
 * Kinds form Python's class hierarchy (co_exc_kind_base gives the parent):
 *
 *   BaseException
 *    +-- GeneratorExit            thrown in by close()
 *    +-- KeyboardInterrupt
 *    +-- SystemExit
 *    +-- CancelledError           asyncio: not an Exception, as since 3.8
 *    +-- Exception
 *         +-- StopIteration       .value = the generator's return value
 *         +-- StopAsyncIteration
 *         +-- ArithmeticError
 *         |    +-- ZeroDivisionError
 *         +-- LookupError
 *         |    +-- KeyError
 *         +-- OSError
 *         |    +-- TimeoutError   (asyncio.TimeoutError is this one, 3.11)
 *         +-- RuntimeError
 *         |    +-- NotImplementedError
 *         +-- TypeError
 *         +-- ValueError
 *         +-- InvalidStateError   asyncio.InvalidStateError
 *         +-- UserError           a generic application exception
 *
 * and a program may add its own kinds under any of these
 * (co_exc_kind_new), GeneratorExit included.  `except X` is
 * co_exc_matches(&e, X): true for X and for every kind below X.
 */
#ifndef CO_EXC_H
#define CO_EXC_H

#include <stdbool.h>

#include "co_value.h"

enum co_exc_kind {
    CO_EXC_NONE = 0,          /* no exception: a zeroed co_exc is "none" */
    CO_STOP_ITERATION,        /* a generator finished; .value = return value */
    CO_GENERATOR_EXIT,        /* thrown in by close() */
    CO_VALUE_ERROR,
    CO_TYPE_ERROR,
    CO_RUNTIME_ERROR,
    CO_KEY_ERROR,
    CO_ZERO_DIVISION_ERROR,
    CO_CANCELLED_ERROR,       /* asyncio.CancelledError */
    CO_TIMEOUT_ERROR,         /* asyncio.TimeoutError */
    CO_INVALID_STATE_ERROR,   /* asyncio.InvalidStateError */
    CO_STOP_ASYNC_ITERATION,  /* an async iterator is exhausted */
    CO_USER_ERROR,            /* an application's own exception class */
    CO_BASE_EXCEPTION,        /* the root of the hierarchy */
    CO_EXCEPTION,             /* what `except Exception` catches */
    CO_KEYBOARD_INTERRUPT,
    CO_SYSTEM_EXIT,
    CO_ARITHMETIC_ERROR,
    CO_LOOKUP_ERROR,
    CO_OS_ERROR,
    CO_NOT_IMPLEMENTED_ERROR,
    CO_EXC_KIND_COUNT         /* not a kind: the number of built-in kinds;
                                 kinds made by co_exc_kind_new come after */
};

/* At most this many kinds of a program's own (co_exc_kind_new). */
#define CO_EXC_USER_KINDS 64

/* Messages are cut to CO_EXC_MSG_MAX - 1 characters. */
#define CO_EXC_MSG_MAX 96

struct co_exc {
    enum co_exc_kind kind;          /* CO_EXC_NONE when there is none */
    bool cause;                     /* context was given by `raise ... from`: it is
                                       the __cause__ (and the __context__) */
    const char *msg;                /* the message, "" if none; interned (never freed,
                                       never NULL in an exception made by co_exc_make
                                       or co_exc_stop; NULL only in a zeroed "none") */
    struct co_value value;          /* StopIteration's return value, or a payload */
    const struct co_exc *context;   /* __context__: the exception being handled when
                                       this one was raised, or NULL; interned, immutable */
};

/* Python's class name: "StopIteration", "ValueError", ... (also for kinds
 * made by co_exc_kind_new). */
const char *co_exc_kind_name(enum co_exc_kind kind);

/* Look a kind up by its Python name ("ValueError"); CO_EXC_NONE if unknown. */
enum co_exc_kind co_exc_kind_from_name(const char *name);

/* The parent class of kind (CO_EXC_NONE for BaseException, and for
 * CO_EXC_NONE or an unknown kind). */
enum co_exc_kind co_exc_kind_base(enum co_exc_kind kind);

/*
 * co_exc_kind_new - `class name(base): pass`: a kind of the program's
 * own, below base (any kind, built in or made here: a subclass of
 * GeneratorExit is fine).  name is borrowed (a string literal).  Asking
 * again for a name already made with the same base gives the same kind.
 * Returns the new kind (>= CO_EXC_KIND_COUNT), or CO_EXC_NONE if base is
 * unknown, name is NULL or a built-in name, or CO_EXC_USER_KINDS kinds
 * exist already.  Thread-safe.
 */
enum co_exc_kind co_exc_kind_new(const char *name, enum co_exc_kind base);

/* issubclass(kind, base): kind is base or lies below it. */
bool co_exc_kind_is(enum co_exc_kind kind, enum co_exc_kind base);

/*
 * co_exc_make - an exception of `kind` whose message is printf(fmt, ...),
 * cut to CO_EXC_MSG_MAX - 1 characters and interned.  fmt may be NULL:
 * no message (msg is "").  The value is none, the context NULL.
 */
struct co_exc co_exc_make(enum co_exc_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* StopIteration carrying `value`, as a finished generator raises it.
 * (A CO_STR value is borrowed, as everywhere.) */
struct co_exc co_exc_stop(struct co_value value);

/* The same, stored into *e field by field: for the hot paths (every
 * generator that returns, every future's result).  A function returning
 * the struct makes the compiler build it on its stack and copy it out
 * with 16-byte loads that straddle its 8-byte stores: a store-forwarding
 * stall each, 14% of lab05's Queue benchmark (BENCHMARKS.md). */
static inline void co_exc_set_stop(struct co_exc *e, struct co_value value)
{
    e->kind = CO_STOP_ITERATION;
    e->cause = false;
    e->msg = "";
    e->value.kind = value.kind;
    e->value.as = value.as;
    e->context = NULL;
}

/* Exactly this kind (type(e) is kind); co_exc_matches for `except`. */
static inline bool co_exc_is(const struct co_exc *e, enum co_exc_kind kind)
{
    return e->kind == kind;
}

/* isinstance(e, kind), i.e. `except kind:` catches e.  A "none"
 * exception matches nothing. */
static inline bool co_exc_matches(const struct co_exc *e, enum co_exc_kind kind)
{
    return e->kind != CO_EXC_NONE && co_exc_kind_is(e->kind, kind);
}

/* The message as a C string: "" when there is none (also for a zeroed
 * co_exc, whose msg is NULL). */
static inline const char *co_exc_msg(const struct co_exc *e)
{
    return e->msg ? e->msg : "";
}

/* Two exceptions are the same exception: same kind, message, value,
 * context and cause. */
bool co_exc_same(const struct co_exc *a, const struct co_exc *b);

/*
 * co_exc_intern - an immutable copy of *e that lives as long as the
 * process (equal exceptions give the same copy; a CO_STR value's string
 * is interned with it).  NULL for a "none" e or when memory ran out.
 * Thread-safe.  This is what a context points to.
 */
const struct co_exc *co_exc_intern(const struct co_exc *e);

/* co_exc_intern_str - the interned copy of s (cut to CO_EXC_MSG_MAX - 1
 * characters): equal strings give the same pointer.  NULL for NULL s or
 * when memory ran out.  Thread-safe. */
const char *co_exc_intern_str(const char *s);

/*
 * co_exc_raised_while - e, raised while `handling` was being handled:
 * e's context becomes (an interned copy of) *handling, as Python sets
 * __context__.  Nothing changes if e already has a context, if handling
 * is NULL or none, or if e is the handled exception itself (a re-raise).
 */
struct co_exc co_exc_raised_while(struct co_exc e, const struct co_exc *handling);

/* `raise e from cause`: e's context is *cause and e.cause is set. */
struct co_exc co_exc_from(struct co_exc e, const struct co_exc *cause);

/*
 * co_exc_format - "ValueError: bad input" (or "ValueError" with no
 * message; "StopIteration: 3" shows the value) into buf of size n.
 * The context is not shown (co_exc_format_chain shows it).  Returns buf.
 */
char *co_exc_format(const struct co_exc *e, char *buf, unsigned n);

/* The whole chain, innermost context first, as Python prints it:
 * "KeyError: k / During handling of the above exception, another
 * exception occurred: / RuntimeError: r" (one line per part, newlines
 * between them; "The above exception was the direct cause of the
 * following exception:" for a cause).  Cut to fit buf.  Returns buf. */
char *co_exc_format_chain(const struct co_exc *e, char *buf, unsigned n);

/* Enough for any formatted exception (without its context). */
#define CO_EXC_FORMAT_MAX (CO_EXC_MSG_MAX + 64)

#endif
