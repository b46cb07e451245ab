/*
 * oom_guard.c - linked into every graded test program, and only there,
 * with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc: every allocation
 * of the submission and of the tests comes here first.
 *
 * The grader caps a test process's memory (RLIMIT_AS).  A submission that
 * exhausts it would otherwise fail in a way that says nothing (a NULL
 * dereferenced, an endless retry).  Here an ordinary-sized allocation
 * that fails ends the test at once with a line the grader recognises,
 * and the report says "ran out of memory".  A request too large to be
 * anything but deliberate (a test of the NULL path) still just fails.
 *
 * Every block comes zeroed, and so does what realloc adds: memory that is
 * handed out again never shows what it held before.  That keeps a
 * submission from passing an address through freed memory (stored as a
 * function pointer, read back as a long, or the other way round), a
 * detour no static check sees, and makes a read of memory never written
 * give the same answer on every run.
 */
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

/* The line grade_run.c looks for; keep them in step. */
#define OOM_LINE "coro-labs grader: out of memory (an allocation failed under the memory limit)\n"

/* Requests above this are taken as deliberate. */
#define DELIBERATE ((size_t)1 << 32)

static void *checked(void *p, size_t size)
{
    if (!p && size && size < DELIBERATE) {
        ssize_t ignored = write(STDERR_FILENO, OOM_LINE, sizeof OOM_LINE - 1);

        (void)ignored;
        abort();
    }
    return p;
}

/* Zero p's usable bytes from `from` on. */
static void *zeroed(void *p, size_t from)
{
    size_t usable = p ? malloc_usable_size(p) : 0;

    if (usable > from)
        memset((char *)p + from, 0, usable - from);
    return p;
}

void *__wrap_malloc(size_t size)
{
    return zeroed(checked(__real_malloc(size), size), 0);
}

void *__wrap_calloc(size_t n, size_t size)
{
    size_t total = n && size <= (size_t)-1 / n ? n * size : (size_t)-1;

    return zeroed(checked(__real_calloc(n, size), total), 0);
}

void *__wrap_realloc(void *p, size_t size)
{
    size_t had = p ? malloc_usable_size(p) : 0;

    return zeroed(checked(__real_realloc(p, size), size), had);
}
