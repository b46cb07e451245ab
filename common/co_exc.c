#include "co_exc.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kinds and their hierarchy ----------------------------------- */

struct co_exc_class {
    const char *name;
    enum co_exc_kind base;
};

static const struct co_exc_class co_exc_builtin[CO_EXC_KIND_COUNT] = {
    [CO_EXC_NONE]              = { "NoException",         CO_EXC_NONE },
    [CO_BASE_EXCEPTION]        = { "BaseException",       CO_EXC_NONE },
    [CO_GENERATOR_EXIT]        = { "GeneratorExit",       CO_BASE_EXCEPTION },
    [CO_KEYBOARD_INTERRUPT]    = { "KeyboardInterrupt",   CO_BASE_EXCEPTION },
    [CO_SYSTEM_EXIT]           = { "SystemExit",          CO_BASE_EXCEPTION },
    [CO_CANCELLED_ERROR]       = { "CancelledError",      CO_BASE_EXCEPTION },
    [CO_EXCEPTION]             = { "Exception",           CO_BASE_EXCEPTION },
    [CO_STOP_ITERATION]        = { "StopIteration",       CO_EXCEPTION },
    [CO_STOP_ASYNC_ITERATION]  = { "StopAsyncIteration",  CO_EXCEPTION },
    [CO_ARITHMETIC_ERROR]      = { "ArithmeticError",     CO_EXCEPTION },
    [CO_ZERO_DIVISION_ERROR]   = { "ZeroDivisionError",   CO_ARITHMETIC_ERROR },
    [CO_LOOKUP_ERROR]          = { "LookupError",         CO_EXCEPTION },
    [CO_KEY_ERROR]             = { "KeyError",            CO_LOOKUP_ERROR },
    [CO_OS_ERROR]              = { "OSError",             CO_EXCEPTION },
    [CO_TIMEOUT_ERROR]         = { "TimeoutError",        CO_OS_ERROR },
    [CO_RUNTIME_ERROR]         = { "RuntimeError",        CO_EXCEPTION },
    [CO_NOT_IMPLEMENTED_ERROR] = { "NotImplementedError", CO_RUNTIME_ERROR },
    [CO_TYPE_ERROR]            = { "TypeError",           CO_EXCEPTION },
    [CO_VALUE_ERROR]           = { "ValueError",          CO_EXCEPTION },
    [CO_INVALID_STATE_ERROR]   = { "InvalidStateError",   CO_EXCEPTION },
    [CO_USER_ERROR]            = { "UserError",           CO_EXCEPTION },
};

/* Kinds made by co_exc_kind_new: user[i] is kind CO_EXC_KIND_COUNT + i.
 * Written under the lock, once; n_user grows only after its entry is set. */
static struct co_exc_class co_exc_user[CO_EXC_USER_KINDS];
static unsigned n_user;
static pthread_mutex_t co_exc_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct co_exc_class *co_exc_class_of(enum co_exc_kind kind)
{
    unsigned k = (unsigned)kind;

    if (k < CO_EXC_KIND_COUNT)
        return &co_exc_builtin[k];
    k -= CO_EXC_KIND_COUNT;
    if (k < __atomic_load_n(&n_user, __ATOMIC_ACQUIRE))
        return &co_exc_user[k];
    return NULL;
}

const char *co_exc_kind_name(enum co_exc_kind kind)
{
    const struct co_exc_class *c = co_exc_class_of(kind);
    return c ? c->name : "UnknownException";
}

enum co_exc_kind co_exc_kind_from_name(const char *name)
{
    unsigned n = __atomic_load_n(&n_user, __ATOMIC_ACQUIRE);

    if (!name)
        return CO_EXC_NONE;
    for (int k = 1; k < CO_EXC_KIND_COUNT; k++)
        if (strcmp(co_exc_builtin[k].name, name) == 0)
            return (enum co_exc_kind)k;
    for (unsigned i = 0; i < n; i++)
        if (strcmp(co_exc_user[i].name, name) == 0)
            return (enum co_exc_kind)(CO_EXC_KIND_COUNT + i);
    return CO_EXC_NONE;
}

enum co_exc_kind co_exc_kind_base(enum co_exc_kind kind)
{
    const struct co_exc_class *c = co_exc_class_of(kind);
    return c ? c->base : CO_EXC_NONE;
}

enum co_exc_kind co_exc_kind_new(const char *name, enum co_exc_kind base)
{
    enum co_exc_kind k;

    if (!name || base == CO_EXC_NONE || !co_exc_class_of(base))
        return CO_EXC_NONE;
    pthread_mutex_lock(&co_exc_lock);
    k = co_exc_kind_from_name(name);
    if (k != CO_EXC_NONE) {
        if (k < CO_EXC_KIND_COUNT || co_exc_kind_base(k) != base)
            k = CO_EXC_NONE;             /* a built-in, or another base */
    } else if (n_user < CO_EXC_USER_KINDS) {
        co_exc_user[n_user] = (struct co_exc_class){ name, base };
        k = (enum co_exc_kind)(CO_EXC_KIND_COUNT + n_user);
        __atomic_store_n(&n_user, n_user + 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&co_exc_lock);
    return k;
}

bool co_exc_kind_is(enum co_exc_kind kind, enum co_exc_kind base)
{
    /* Walk up from kind; the hierarchy has no cycles (a base exists
     * before its subclasses), so this ends at BaseException. */
    while (kind != CO_EXC_NONE) {
        if (kind == base)
            return true;
        kind = co_exc_kind_base(kind);
    }
    return false;
}

/* ---- interning: strings and exceptions, kept for good ------------ */

/* An open-addressing hash set of pointers (strings or exceptions),
 * doubled when half full.  Entries are never removed.  The first tables
 * and the first bytes of storage are static, so that a program raising a
 * few hundred distinct messages never calls malloc for them (the tests'
 * heap checks see nothing). */
struct co_exc_set {
    const void **slots;
    size_t cap, count;
};

enum { CO_EXC_STR_SLOTS0 = 1024, CO_EXC_EXC_SLOTS0 = 256,
       CO_EXC_ARENA0 = 32768, CO_EXC_ARENA_CHUNK = 8192, CO_EXC_POOL0 = 256,
       CO_EXC_POOL_CHUNK = 64 };

static const void *co_exc_str_slots0[CO_EXC_STR_SLOTS0];
static const void *co_exc_exc_slots0[CO_EXC_EXC_SLOTS0];
static struct co_exc_set co_exc_strings = { co_exc_str_slots0, CO_EXC_STR_SLOTS0, 0 };
static struct co_exc_set co_exc_excs = { co_exc_exc_slots0, CO_EXC_EXC_SLOTS0, 0 };

/* String bytes: a static arena, then malloc'd chunks (kept for good). */
static char co_exc_arena0[CO_EXC_ARENA0];
static char *co_exc_arena = co_exc_arena0;
static size_t co_exc_arena_left = CO_EXC_ARENA0;

/* Interned exceptions: a static pool, then malloc'd chunks. */
static struct co_exc co_exc_pool0[CO_EXC_POOL0];
static struct co_exc *co_exc_pool = co_exc_pool0;
static size_t co_exc_pool_left = CO_EXC_POOL0;

static char *co_exc_arena_copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p;

    if (n > co_exc_arena_left) {
        char *chunk = malloc(CO_EXC_ARENA_CHUNK);
        if (!chunk)
            return NULL;
        co_exc_arena = chunk;
        co_exc_arena_left = CO_EXC_ARENA_CHUNK;
    }
    p = co_exc_arena;
    memcpy(p, s, n);
    co_exc_arena += n;
    co_exc_arena_left -= n;
    return p;
}

static struct co_exc *co_exc_pool_take(void)
{
    if (co_exc_pool_left == 0) {
        struct co_exc *chunk = malloc(CO_EXC_POOL_CHUNK * sizeof *chunk);
        if (!chunk)
            return NULL;
        co_exc_pool = chunk;
        co_exc_pool_left = CO_EXC_POOL_CHUNK;
    }
    co_exc_pool_left--;
    return co_exc_pool++;
}

static uint64_t co_exc_hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

#define CO_EXC_HASH0 1469598103934665603ull

static uint64_t co_exc_hash_str(const char *s)
{
    return co_exc_hash_bytes(CO_EXC_HASH0, s, strlen(s));
}

/* The hash of an exception whose strings are already interned: their
 * pointers identify them. */
static uint64_t co_exc_hash_exc(const struct co_exc *e)
{
    uint64_t h = CO_EXC_HASH0;
    h = co_exc_hash_bytes(h, &e->kind, sizeof e->kind);
    h = co_exc_hash_bytes(h, &e->cause, sizeof e->cause);
    h = co_exc_hash_bytes(h, &e->msg, sizeof e->msg);
    h = co_exc_hash_bytes(h, &e->value.kind, sizeof e->value.kind);
    h = co_exc_hash_bytes(h, &e->value.as, sizeof e->value.as);
    h = co_exc_hash_bytes(h, &e->context, sizeof e->context);
    return h;
}

static bool co_exc_value_same(struct co_value a, struct co_value b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case CO_NONE:  return true;
    case CO_INT:   return a.as.i == b.as.i;
    case CO_FLOAT: return memcmp(&a.as.f, &b.as.f, sizeof a.as.f) == 0;
    case CO_STR:   return a.as.s == b.as.s || strcmp(a.as.s, b.as.s) == 0;
    case CO_PTR:   return a.as.p == b.as.p;
    }
    return false;
}

bool co_exc_same(const struct co_exc *a, const struct co_exc *b)
{
    return a->kind == b->kind && a->cause == b->cause
        && (a->msg == b->msg || strcmp(co_exc_msg(a), co_exc_msg(b)) == 0)
        && co_exc_value_same(a->value, b->value)
        && a->context == b->context;
}

typedef bool co_exc_eq_fn(const void *entry, const void *key);

static bool co_exc_set_grow(struct co_exc_set *set, uint64_t (*hash)(const void *))
{
    size_t cap = set->cap * 2;
    const void **slots = calloc(cap, sizeof *slots);

    if (!slots)
        return false;
    for (size_t i = 0; i < set->cap; i++) {
        const void *p = set->slots[i];
        if (!p)
            continue;
        size_t j = hash(p) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = p;
    }
    if (set->slots != co_exc_str_slots0 && set->slots != co_exc_exc_slots0)
        free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return true;
}

static uint64_t co_exc_hash_str_v(const void *p) { return co_exc_hash_str(p); }
static uint64_t co_exc_hash_exc_v(const void *p) { return co_exc_hash_exc(p); }

/* The slot for key in set (holding an equal entry, or empty). */
static const void **co_exc_set_find(struct co_exc_set *set, uint64_t h,
                                    co_exc_eq_fn *eq, const void *key)
{
    size_t j = h & (set->cap - 1);
    while (set->slots[j] && !eq(set->slots[j], key))
        j = (j + 1) & (set->cap - 1);
    return &set->slots[j];
}

static bool co_exc_str_eq(const void *entry, const void *key)
{
    return strcmp(entry, key) == 0;
}

static bool co_exc_exc_eq(const void *entry, const void *key)
{
    const struct co_exc *a = entry, *b = key;
    return a->kind == b->kind && a->cause == b->cause && a->msg == b->msg
        && a->value.kind == b->value.kind
        && memcmp(&a->value.as, &b->value.as, sizeof a->value.as) == 0
        && a->context == b->context;
}

/* Interns s (at most max characters of it); call with the lock held. */
static const char *co_exc_intern_locked(const char *s)
{
    char cut[CO_EXC_MSG_MAX];
    const void **slot;
    char *copy;

    if (strlen(s) >= CO_EXC_MSG_MAX) {
        memcpy(cut, s, CO_EXC_MSG_MAX - 1);
        cut[CO_EXC_MSG_MAX - 1] = '\0';
        s = cut;
    }
    if (co_exc_strings.count * 2 >= co_exc_strings.cap
        && !co_exc_set_grow(&co_exc_strings, co_exc_hash_str_v))
        return NULL;
    slot = co_exc_set_find(&co_exc_strings, co_exc_hash_str(s), co_exc_str_eq, s);
    if (*slot)
        return *slot;
    copy = co_exc_arena_copy(s);
    if (!copy)
        return NULL;
    *slot = copy;
    co_exc_strings.count++;
    return copy;
}

const char *co_exc_intern_str(const char *s)
{
    const char *r;

    if (!s)
        return NULL;
    if (!*s)
        return "";
    pthread_mutex_lock(&co_exc_lock);
    r = co_exc_intern_locked(s);
    pthread_mutex_unlock(&co_exc_lock);
    return r;
}

const struct co_exc *co_exc_intern(const struct co_exc *e)
{
    struct co_exc key;
    const void **slot;
    struct co_exc *copy = NULL;

    if (!e || e->kind == CO_EXC_NONE)
        return NULL;
    key = *e;
    pthread_mutex_lock(&co_exc_lock);
    key.msg = (e->msg && *e->msg) ? co_exc_intern_locked(e->msg) : "";
    if (key.value.kind == CO_STR)
        key.value.as.s = *key.value.as.s ? co_exc_intern_locked(key.value.as.s) : "";
    if (!key.msg || (key.value.kind == CO_STR && !key.value.as.s))
        goto out;
    if (co_exc_excs.count * 2 >= co_exc_excs.cap
        && !co_exc_set_grow(&co_exc_excs, co_exc_hash_exc_v))
        goto out;
    slot = co_exc_set_find(&co_exc_excs, co_exc_hash_exc(&key), co_exc_exc_eq, &key);
    if (*slot) {
        copy = (struct co_exc *)*slot;
        goto out;
    }
    copy = co_exc_pool_take();
    if (copy) {
        *copy = key;
        *slot = copy;
        co_exc_excs.count++;
    }
out:
    pthread_mutex_unlock(&co_exc_lock);
    return copy;
}

/* ---- making and chaining ----------------------------------------- */

struct co_exc co_exc_make(enum co_exc_kind kind, const char *fmt, ...)
{
    struct co_exc e = { .kind = kind, .msg = "" };

    if (fmt) {
        char text[CO_EXC_MSG_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(text, sizeof text, fmt, ap);
        va_end(ap);
        if (text[0]) {
            const char *s = co_exc_intern_str(text);
            e.msg = s ? s : "(out of memory)";
        }
    }
    return e;
}

struct co_exc co_exc_stop(struct co_value value)
{
    struct co_exc e = { .kind = CO_STOP_ITERATION, .msg = "", .value = value };
    return e;
}

struct co_exc co_exc_raised_while(struct co_exc e, const struct co_exc *handling)
{
    if (e.context || !handling || handling->kind == CO_EXC_NONE
        || co_exc_same(&e, handling))
        return e;
    e.context = co_exc_intern(handling);
    return e;
}

struct co_exc co_exc_from(struct co_exc e, const struct co_exc *cause)
{
    e.context = (cause && cause->kind != CO_EXC_NONE) ? co_exc_intern(cause) : NULL;
    e.cause = e.context != NULL;
    return e;
}

/* ---- printing ----------------------------------------------------- */

char *co_exc_format(const struct co_exc *e, char *buf, unsigned n)
{
    const char *name = co_exc_kind_name(e->kind);

    if (n == 0)
        return buf;
    if (e->msg && e->msg[0])
        snprintf(buf, n, "%s: %s", name, e->msg);
    else if (e->kind == CO_STOP_ITERATION && !co_is_none(e->value)) {
        char repr[CO_REPR_MAX];
        snprintf(buf, n, "%s: %s", name,
                 co_value_repr(e->value, repr, sizeof repr));
    } else
        snprintf(buf, n, "%s", name);
    return buf;
}

char *co_exc_format_chain(const struct co_exc *e, char *buf, unsigned n)
{
    const struct co_exc *chain[16];
    unsigned depth = 0, used = 0;

    if (n == 0)
        return buf;
    buf[0] = '\0';
    for (const struct co_exc *p = e; p && depth < 16; p = p->context)
        chain[depth++] = p;
    for (unsigned i = depth; i-- > 0 && used < n;) {
        char one[CO_EXC_FORMAT_MAX];
        co_exc_format(chain[i], one, sizeof one);
        used += (unsigned)snprintf(buf + used, n - used, "%s", one);
        if (i > 0 && used < n)
            used += (unsigned)snprintf(buf + used, n - used, "\n%s\n",
                chain[i - 1]->cause
                ? "The above exception was the direct cause of the following exception:"
                : "During handling of the above exception, another exception occurred:");
    }
    return buf;
}
