/*
 * co_value - the one small value type that travels through every lab.
 *
 * Python's generators pass any object in and out: `yield 3`, `send("hi")`,
 * `return [1, 2]`.  C has no "any object", so the labs pass a tagged union:
 * the tag says which member is meaningful.  It is two words, passed and
 * returned by value, and never allocates.
 *
 * Ground rules:
 *   - CO_STR borrows its characters: whoever made the value keeps the
 *     string alive for as long as the value is used (string literals and
 *     strings stored in a generator's frame both qualify).
 *   - CO_PTR is an opaque pointer (a list, a future, a request for the
 *     event loop); its owner is whoever the API that hands it out names.
 */
#ifndef CO_VALUE_H
#define CO_VALUE_H

#include <stdbool.h>
#include <stddef.h>

enum co_kind {
    CO_NONE = 0,  /* Python's None; a zeroed co_value is none */
    CO_INT,       /* .i */
    CO_FLOAT,     /* .f */
    CO_STR,       /* .s, borrowed, never NULL */
    CO_PTR,       /* .p */
};

struct co_value {
    enum co_kind kind;    /* which member below is meaningful */
    union {
        long long i;      /* CO_INT */
        double f;         /* CO_FLOAT */
        const char *s;    /* CO_STR: borrowed */
        void *p;          /* CO_PTR */
    } as;
};

/* Constructors, so that code reads like Python: co_int(3), co_str("hi"). */
static inline struct co_value co_none(void)
{
    return (struct co_value){ .kind = CO_NONE };
}
static inline struct co_value co_int(long long i)
{
    return (struct co_value){ .kind = CO_INT, .as.i = i };
}
static inline struct co_value co_float(double f)
{
    return (struct co_value){ .kind = CO_FLOAT, .as.f = f };
}
/* A NULL string is stored as "" so that .s is never NULL. */
static inline struct co_value co_str(const char *s)
{
    return (struct co_value){ .kind = CO_STR, .as.s = s ? s : "" };
}
static inline struct co_value co_ptr(void *p)
{
    return (struct co_value){ .kind = CO_PTR, .as.p = p };
}

static inline bool co_is_none(struct co_value v)
{
    return v.kind == CO_NONE;
}

/* Equality as Python's == for these kinds: same kind and same contents;
 * strings compare by characters, pointers by address; an int equals a
 * float of the same value (1 == 1.0). */
bool co_value_eq(struct co_value a, struct co_value b);

/* "none", "int", "float", "str" or "ptr". */
const char *co_kind_name(enum co_kind kind);

/*
 * co_value_repr - write v as Python's repr() would into buf (size n):
 * None, 42, 2.5, 10.0, 0.3333333333333333 (the shortest digits that read
 * back as the same double), 'hello', "it's", <ptr 0x...>.  Always
 * NUL-terminates (n > 0);
 * a long string is cut and ends in "...".  Returns buf, so it can sit
 * inside a printf argument list.
 */
char *co_value_repr(struct co_value v, char *buf, size_t n);

/* A buffer size that holds any repr that tests print. */
#define CO_REPR_MAX 96

#endif
