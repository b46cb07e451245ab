/* collector: a coroutine that collects what it is sent and, when sent
 * "CLOSE", returns the list: the return value travels in StopIteration.
 * Python twin: collector.py.
 *
 * The list is malloc'ed by the body and handed to whoever receives the
 * StopIteration.  If the generator is closed before "CLOSE", nobody
 * will ever receive it, so the body catches GeneratorExit and frees it:
 * the C version of a `finally:` clause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

struct str_list {
    int n;
    const char *items[16];    /* borrowed strings, as sent */
};

struct collector_frame {
    struct str_list *l;
    struct co_exc caught;
};

static enum gen_step collector_body(struct gen *g, void *frame)
{
    struct collector_frame *f = frame;
    struct co_value value;

    GEN_BEGIN(g);
    f->l = calloc(1, sizeof *f->l);                     /* l = [] */
    if (!f->l)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "out of memory");
    for (;;) {
        GEN_TRY_YIELD(g, co_none(), f->caught);         /* value = yield */
        if (f->caught.kind != CO_EXC_NONE) {
            free(f->l);                                 /* nobody gets it now */
            GEN_RERAISE(g, f->caught);
        }
        value = gen_sent(g);
        if (value.kind == CO_STR && strcmp(value.as.s, "CLOSE") == 0)
            break;
        if (f->l->n < 16)
            f->l->items[f->l->n++] = value.kind == CO_STR ? value.as.s : "?";
    }
    GEN_RETURN(g, co_ptr(f->l));                        /* return l */
    GEN_END(g);
}

/* @coroutine: create and prime. */
static struct gen *collector_new(void)
{
    struct gen *g = gen_new("generator", collector_body, sizeof(struct collector_frame));
    struct co_value out;
    struct co_exc exc;

    if (g && gen_next(g, &out, &exc) != GEN_YIELDED) {
        gen_free(g);
        return NULL;
    }
    return g;
}

/* print(l) for a list of strings: ['hello', 'coroutine'] */
static void print_list(const struct str_list *l)
{
    printf("[");
    for (int i = 0; i < l->n; i++)
        printf("%s'%s'", i ? ", " : "", l->items[i]);
    printf("]\n");
}

int main(void)
{
    static const char *const words[] = { "hello", "coroutine", "CLOSE" };
    struct str_list *value = NULL;
    struct co_value out;
    struct co_exc exc;
    struct gen *g;

    g = collector_new();
    if (!g)
        return 1;
    gen_send(g, co_str("hello"), &out, &exc);
    gen_send(g, co_str("coroutine"), &out, &exc);
    if (gen_send(g, co_str("CLOSE"), &out, &exc) == GEN_RAISED &&
        exc.kind == CO_STOP_ITERATION) {
        printf("StopIteration: ");
        print_list(exc.value.as.p);
        free(exc.value.as.p);                 /* the list is ours now */
    }
    gen_free(g);

    g = collector_new();
    if (!g)
        return 1;
    for (int i = 0; i < 3; i++) {
        if (gen_send(g, co_str(words[i]), &out, &exc) == GEN_RAISED &&
            exc.kind == CO_STOP_ITERATION) {
            value = exc.value.as.p;
            puts("END");
        }
    }
    if (value) {
        print_list(value);
        free(value);
    }
    gen_free(g);

    g = collector_new();
    if (!g)
        return 1;
    gen_send(g, co_str("lost"), &out, &exc);
    gen_close(g, NULL);                       /* the body frees its list */
    puts("closed early");
    gen_free(g);
    return 0;
}
