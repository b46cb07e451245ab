/*
 * co_invariant - asserting a data structure's invariants where it changes.
 *
 * Each lab's main structure has a check that says which invariant is
 * broken and where, or NULL when all hold (gen_check_why, loop_check_why):
 *
 *     const char *X_check_why(const struct X *x, char *buf, size_t n);
 *
 * The tests call the checks at chosen moments.  The ASan build (the
 * Makefile's OPT_asan defines CO_ASSERT_INVARIANTS) also asserts them
 * where the code changes the structure (after every resume, after every
 * loop iteration), so that a broken invariant stops the program at the
 * step that broke it, with the check's message.  In every other build
 * CO_ASSERT_INVARIANT costs nothing.
 */
#ifndef CO_INVARIANT_H
#define CO_INVARIANT_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* printf into buf (n > 0 bytes) and return buf: how a *_check_why says
 * which invariant is broken. */
const char *co_broken(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Room for a check's message. */
#define CO_INVARIANT_MAX 200

/* Up to this size a structure is checked at every step (see below). */
#define CO_INVARIANT_SMALL 4096

#ifdef CO_ASSERT_INVARIANTS
/* check(obj, buf, n) must return NULL; else print its message and abort. */
#define CO_ASSERT_INVARIANT(check, obj) do {                                \
        char why_[CO_INVARIANT_MAX];                                        \
        const char *broken_ = check((obj), why_, sizeof why_);              \
        if (broken_) {                                                      \
            fprintf(stderr, "%s:%d: %s: invariant broken: %s\n",            \
                    __FILE__, __LINE__, #check, broken_);                   \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* The same for a check that costs O(size): asserted at every call while
 * size <= CO_INVARIANT_SMALL, and beyond that at the 1st, 2nd, 4th, 8th,
 * ... call from this line, so that a million-timer test stays O(n log n). */
#define CO_ASSERT_INVARIANT_SIZED(check, obj, size) do {                    \
        static unsigned long long calls_;                                   \
        calls_++;                                                           \
        if ((size) <= CO_INVARIANT_SMALL || (calls_ & (calls_ - 1)) == 0)   \
            CO_ASSERT_INVARIANT(check, obj);                                \
    } while (0)
#else
#define CO_ASSERT_INVARIANT(check, obj) ((void)0)
#define CO_ASSERT_INVARIANT_SIZED(check, obj, size) ((void)0)
#endif

#endif
