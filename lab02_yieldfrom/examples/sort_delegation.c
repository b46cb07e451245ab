/* sort_delegation: the seed's "transfer of control".  The caller sends
 * country codes to sup_coro; its GEN_YIELD_FROM hands each one straight to
 * sub_coro, which collects them.  "CLOSE" ends sub_coro, and its return
 * value (the sorted list) becomes the result of the delegation.
 * Python twin: sort_delegation.py (fixed lists in place of Faker).
 *
 * The sorted list must outlive sub_coro: the delegation frees sub_coro,
 * frame and all, the moment it returns.  So the list lives in sup_coro's
 * frame, which outlives every sub_coro it delegates to; sub_coro fills it
 * and returns a pointer to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "yieldfrom.h"

struct code_list {
    int n;
    const char *codes[16];    /* borrowed strings, as sent */
};

/* print(l) for a list of strings: ['KN', 'KP', 'NR'] */
static void print_list(const struct code_list *l)
{
    printf("[");
    for (int i = 0; i < l->n; i++)
        printf("%s'%s'", i ? ", " : "", l->codes[i]);
    printf("]");
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* sub_coro(sub_list): the subgenerator does the work.  Its frame only
 * points at the list, which belongs to the delegating generator. */
struct sub_coro_frame {
    struct code_list *sub_list;
};

static enum gen_step sub_coro_body(struct gen *g, void *frame)
{
    struct sub_coro_frame *f = frame;
    struct co_value value;

    GEN_BEGIN(g);
    f->sub_list->n = 0;                                     /* sub_list = [] */
    for (;;) {
        GEN_YIELD(g, co_none());                            /* value = yield */
        value = gen_sent(g);
        if (value.kind == CO_STR && strcmp(value.as.s, "CLOSE") == 0)
            break;
        if (f->sub_list->n < 16 && value.kind == CO_STR)
            f->sub_list->codes[f->sub_list->n++] = value.as.s;
    }
    qsort(f->sub_list->codes, f->sub_list->n, sizeof f->sub_list->codes[0], by_text);
    GEN_RETURN(g, co_ptr(f->sub_list));                     /* return sorted(sub_list) */
    GEN_END(g);
}

static struct gen *sub_coro(struct code_list *into)
{
    struct gen *g = gen_new("sub_coro", sub_coro_body, sizeof(struct sub_coro_frame));

    if (g)
        ((struct sub_coro_frame *)gen_frame(g))->sub_list = into;
    return g;
}

/* sup_coro(): only delegates, again and again. */
struct sup_coro_frame {
    struct code_list storage;     /* where each sub_coro collects */
    struct co_value sup_list;     /* the result of the delegation */
};

static enum gen_step sup_coro_body(struct gen *g, void *frame)
{
    struct sup_coro_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_YIELD_FROM(g, sub_coro(&f->storage), f->sup_list);   /* sup_list = yield from sub_coro() */
        printf("sorted list  ");
        print_list(f->sup_list.as.p);
        printf("\n--------------------------------\n");
    }
    GEN_END(g);
}

int main(void)
{
    static const char *const nest_country_list[3][3] = {
        { "KP", "NR", "KN" }, { "GE", "MT", "GN" }, { "CY", "CO", "AE" },
    };
    struct co_value out;
    struct co_exc exc;

    for (int i = 0; i < 3; i++) {
        struct code_list shown = { .n = 3 };
        struct gen *c;

        memcpy(shown.codes, nest_country_list[i], sizeof nest_country_list[i]);
        printf("country code list ");
        print_list(&shown);
        printf("\n");
        c = gen_new("sup_coro", sup_coro_body, sizeof(struct sup_coro_frame));
        if (!c || gen_next(c, &out, &exc) != GEN_YIELDED)   /* @coroutine: primed */
            return 1;
        for (int j = 0; j < 3; j++)     /* goes straight through sup_coro to sub_coro */
            gen_send(c, co_str(nest_country_list[i][j]), &out, &exc);
        gen_send(c, co_str("CLOSE"), &out, &exc);
        gen_free(c);                    /* Python: c is collected when reassigned */
    }
    return 0;
}
