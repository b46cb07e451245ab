/* lifecycle: the four states of a generator, and send / throw / close.
 * lifecycle_new() is the seed's generator (gen.h); it counts each
 * ValueError it catches in its frame, and we print "Over" for it.
 * Python twin: lifecycle.py. */
#include <stdio.h>

#include "gen.h"

/* Print what a resume gave, as the Python REPL would print it. */
static void show(struct gen *g, int r, struct co_value out,
                 const struct co_exc *exc, int *overs_seen)
{
    struct lifecycle_frame *f = gen_frame(g);
    char text[CO_EXC_FORMAT_MAX];

    while (*overs_seen < f->overs) {      /* except ValueError: print("Over") */
        puts("Over");
        ++*overs_seen;
    }
    if (r == GEN_YIELDED)
        printf("%s\n", out.kind == CO_STR ? out.as.s : co_value_repr(out, text, sizeof text));
    else
        printf("raised %s\n", co_exc_format(exc, text, sizeof text));
}

int main(void)
{
    struct gen *g = lifecycle_new(co_str("started"));
    struct co_value out;
    struct co_exc exc, ve = co_exc_make(CO_VALUE_ERROR, NULL);
    int overs = 0, r;

    if (!g)
        return 1;
    puts(gen_state_name(gen_state(g)));
    r = gen_next(g, &out, &exc);
    show(g, r, out, &exc, &overs);
    puts(gen_state_name(gen_state(g)));
    r = gen_send(g, co_str("Hello Generator"), &out, &exc);
    show(g, r, out, &exc, &overs);
    r = gen_throw(g, &ve, &out, &exc);
    show(g, r, out, &exc, &overs);
    gen_close(g, NULL);
    puts(gen_state_name(gen_state(g)));
    gen_free(g);
    return 0;
}
