/*
 * trace_loop.c - the event loop's side of a trace (lab03 on).
 *
 * Wrapped (--wrap): loop_init / run_once / run_forever, to know which
 * loop's clock to read; call_soon / call_later / call_at, to see each
 * callback run: the callback is scheduled through a small trampoline
 * that reports CO_TRACE_CALLBACK (named after the handle's `name`, which
 * an example may set right after scheduling) and then calls it; and
 * loop_spawn, to recognise the generators the loop drives and describe
 * what they yield.  Only linked into examples that use a loop.
 */
#include "trace.h"

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "co_trace.h"
#include "gen.h"
#include "loop.h"

int __real_loop_init(struct loop *loop, enum loop_clock clock);
int __real_loop_run_once(struct loop *loop);
int __real_loop_run_forever(struct loop *loop);
int __real_loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg,
                          struct loop_handle **out);
int __real_loop_call_at(struct loop *loop, double when, loop_callback_fn *fn, void *arg,
                        struct loop_handle **out);
int __real_loop_call_later(struct loop *loop, double delay, loop_callback_fn *fn, void *arg,
                           struct loop_handle **out);
int __real_loop_spawn(struct loop *loop, struct loop_runner *r, struct gen *g,
                      loop_done_fn *done, void *arg);
int __wrap_loop_init(struct loop *loop, enum loop_clock clock);
int __wrap_loop_run_once(struct loop *loop);
int __wrap_loop_run_forever(struct loop *loop);
int __wrap_loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg,
                          struct loop_handle **out);
int __wrap_loop_call_at(struct loop *loop, double when, loop_callback_fn *fn, void *arg,
                        struct loop_handle **out);
int __wrap_loop_call_later(struct loop *loop, double delay, loop_callback_fn *fn, void *arg,
                           struct loop_handle **out);
int __wrap_loop_spawn(struct loop *loop, struct loop_runner *r, struct gen *g,
                      loop_done_fn *done, void *arg);

static const struct loop *current;

/* A loop call that failed: say so in the trace, so that an example that
 * gives up (exit status 1) can be told why. */
static int said(const char *call, int rc)
{
    char text[96];

    if (rc < 0) {
        snprintf(text, sizeof text, "%s returned %s%s", call, co_errname(rc),
                 rc == CO_ENOSYS ? " (a TODO of loop.c)" : "");
        trace_emit(CO_TRACE_NOTE, "main", trace_time(), co_none(), text);
    }
    return rc;
}

const struct loop *trace__loop(void)
{
    return current;
}

double trace__now(void)
{
    return current ? loop_time(current) : 0.0;
}

/* ---- generators the loop drives ------------------------------------------ */

#define MAX_DRIVEN 1024
static const struct gen *driven[MAX_DRIVEN];
static int ndriven;

int trace__describe(const struct gen *g, struct co_value v, char *buf, unsigned n)
{
    for (int i = 0; i < ndriven; i++) {
        if (driven[i] != g)
            continue;
        if (v.kind == CO_NONE) {
            snprintf(buf, n, "yield (next iteration)");
            return 1;
        }
        if (v.kind != CO_PTR || !v.as.p)
            return 0;
        const struct loop_request *req = v.as.p;
        if (req->what == LOOP_WAIT_SLEEP)
            snprintf(buf, n, "sleep %g", req->seconds);
        else if (req->what == LOOP_WAIT_READABLE)
            snprintf(buf, n, "wait readable fd %d", req->fd);
        else if (req->what == LOOP_WAIT_WRITABLE)
            snprintf(buf, n, "wait writable fd %d", req->fd);
        else
            return 0;
        return 1;
    }
    return 0;
}

int __wrap_loop_spawn(struct loop *loop, struct loop_runner *r, struct gen *g,
                      loop_done_fn *done, void *arg)
{
    int rc = said("loop_spawn", __real_loop_spawn(loop, r, g, done, arg));
    if (rc == CO_OK && ndriven < MAX_DRIVEN)
        driven[ndriven++] = g;
    return rc;
}

/* ---- the clock ------------------------------------------------------------ */

int __wrap_loop_init(struct loop *loop, enum loop_clock clock)
{
    int r = said("loop_init", __real_loop_init(loop, clock));
    if (r == CO_OK)
        current = loop;
    return r;
}

int __wrap_loop_run_once(struct loop *loop)
{
    current = loop;
    return said("loop_run_once", __real_loop_run_once(loop));
}

int __wrap_loop_run_forever(struct loop *loop)
{
    current = loop;
    int r = __real_loop_run_forever(loop);
    return r == CO_EDONE ? r : said("loop_run_forever", r);
}

/* ---- callbacks --------------------------------------------------------------- */

struct tramp {
    loop_callback_fn *fn;
    void *arg;
    struct loop_handle *h;     /* to read h->name when it runs */
    int number;                /* the callback function's number, for a name */
    struct tramp *next;        /* every trampoline, freed at exit */
};

static struct tramp *tramps;
static loop_callback_fn *fns[256];
static int nfns;

/* ---- the name of a callback function -------------------------------------
 * Examples rarely name their handles, and their callbacks are static
 * functions, which no dynamic symbol table lists.  The executable's own
 * symbol table (.symtab, kept in these -g builds) does: read it once and
 * look the address up, relative to main() to allow for PIE. */

int main(void);

static char *symtab_file;          /* the executable, read whole */
static const Elf64_Sym *syms;
static size_t nsyms;
static const char *strs;
static bool symtab_tried;

static void symtab_load(void)
{
    FILE *f;
    long len;

    symtab_tried = true;
    f = fopen("/proc/self/exe", "rb");
    if (!f)
        return;
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
        !(symtab_file = malloc((size_t)len)) || fread(symtab_file, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(symtab_file);
        symtab_file = NULL;
        return;
    }
    fclose(f);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)symtab_file;
    if ((size_t)len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff == 0 ||
        eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > (size_t)len)
        return;
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(symtab_file + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
            continue;
        if (sh[i].sh_offset + sh[i].sh_size > (size_t)len ||
            sh[sh[i].sh_link].sh_offset + sh[sh[i].sh_link].sh_size > (size_t)len)
            return;
        syms = (const Elf64_Sym *)(symtab_file + sh[i].sh_offset);
        nsyms = sh[i].sh_size / sizeof(Elf64_Sym);
        strs = symtab_file + sh[sh[i].sh_link].sh_offset;
        return;
    }
}

static const char *function_name(void *fn)
{
    uintptr_t base = 0;
    const Elf64_Sym *main_sym = NULL;

    if (!symtab_tried)
        symtab_load();
    if (!syms)
        return NULL;
    for (size_t i = 0; i < nsyms && !main_sym; i++)
        if (ELF64_ST_TYPE(syms[i].st_info) == STT_FUNC && strcmp(strs + syms[i].st_name, "main") == 0)
            main_sym = &syms[i];
    if (!main_sym)
        return NULL;
    base = (uintptr_t)main - (uintptr_t)main_sym->st_value;
    for (size_t i = 0; i < nsyms; i++)
        if (ELF64_ST_TYPE(syms[i].st_info) == STT_FUNC &&
            (uintptr_t)syms[i].st_value + base == (uintptr_t)fn)
            return strs + syms[i].st_name;
    return NULL;
}

__attribute__((destructor)) static void symtab_free(void)
{
    free(symtab_file);
}

static void tramp_run(struct loop *loop, void *arg)
{
    struct tramp *t = arg;
    char name[48];
    const char *who = t->h && t->h->name ? t->h->name : NULL;

    current = loop;
    if (!who && trace__callback_row)
        who = trace__callback_row(t->arg);     /* a task's step, or its wake-up */
    if (!who)
        who = function_name((void *)t->fn);

    if (!who) {
        snprintf(name, sizeof name, "callback#%d", t->number);
        who = name;
    }
    current = loop;
    trace_emit(CO_TRACE_CALLBACK, who, loop_time(loop), co_none(), "");
    t->h = NULL;               /* the handle is recycled after this call */
    t->fn(loop, t->arg);
}

/* The argument h's callback gets: ours is a trampoline holding it. */
const void *trace__handle_arg(const struct loop_handle *h)
{
    return h->fn == tramp_run && h->arg ? ((const struct tramp *)h->arg)->arg : h->arg;
}

static struct tramp *tramp_new(loop_callback_fn *fn, void *arg)
{
    struct tramp *t = calloc(1, sizeof *t);
    int k;

    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    for (k = 0; k < nfns && fns[k] != fn; k++)
        ;
    if (k == nfns && nfns < 256)
        fns[nfns++] = fn;
    t->number = k + 1;
    t->next = tramps;
    tramps = t;
    return t;
}

__attribute__((destructor)) static void tramps_free(void)
{
    while (tramps) {
        struct tramp *t = tramps;
        tramps = t->next;
        free(t);
    }
}

int __wrap_loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg,
                          struct loop_handle **out)
{
    struct tramp *t = fn ? tramp_new(fn, arg) : NULL;
    struct loop_handle *h = NULL;
    int r;

    if (!t)
        return __real_loop_call_soon(loop, fn, arg, out);
    r = said("loop_call_soon", __real_loop_call_soon(loop, tramp_run, t, &h));
    if (r == CO_OK) {
        t->h = h;
        if (out)
            *out = h;
    }
    return r;
}

int __wrap_loop_call_at(struct loop *loop, double when, loop_callback_fn *fn, void *arg,
                        struct loop_handle **out)
{
    struct tramp *t = fn ? tramp_new(fn, arg) : NULL;
    struct loop_handle *h = NULL;
    int r;

    if (!t)
        return __real_loop_call_at(loop, when, fn, arg, out);
    r = said("loop_call_at", __real_loop_call_at(loop, when, tramp_run, t, &h));
    if (r == CO_OK) {
        t->h = h;
        if (out)
            *out = h;
        trace_emit(CO_TRACE_TIMER, "", loop ? loop_time(loop) : 0, co_float(when), "");
    }
    return r;
}

int __wrap_loop_call_later(struct loop *loop, double delay, loop_callback_fn *fn, void *arg,
                           struct loop_handle **out)
{
    struct tramp *t = fn ? tramp_new(fn, arg) : NULL;
    struct loop_handle *h = NULL;
    int r;

    if (!t)
        return __real_loop_call_later(loop, delay, fn, arg, out);
    r = said("loop_call_later", __real_loop_call_later(loop, delay, tramp_run, t, &h));
    if (r == CO_OK) {
        t->h = h;
        if (out)
            *out = h;
        trace_emit(CO_TRACE_TIMER, "", loop ? loop_time(loop) : 0,
                 co_float((loop ? loop_time(loop) : 0) + delay), "");
    }
    return r;
}
