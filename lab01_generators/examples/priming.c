/* priming: Python's @coroutine decorator primes a generator (runs it to
 * its first yield) so that the caller can send() at once.  C has no
 * decorators; a function that takes the new generator and primes it does
 * the same job.  Python twin: priming.py. */
#include <stdio.h>

#include "gen.h"

/* Run a new generator to its first yield; NULL (and g freed) if it
 * finished or failed instead of pausing there. */
static struct gen *primed(struct gen *g)
{
    struct co_value out;
    struct co_exc exc;

    if (g && gen_next(g, &out, &exc) != GEN_YIELDED) {
        gen_free(g);
        return NULL;
    }
    return g;
}

int main(void)
{
    struct gen *g = primed(lifecycle_new(co_str("started")));
    struct co_value out;
    struct co_exc exc;

    if (!g)
        return 1;
    puts(gen_state_name(gen_state(g)));
    if (gen_send(g, co_str("no next() needed"), &out, &exc) == GEN_YIELDED)
        puts(out.as.s);
    gen_close(g, NULL);
    puts(gen_state_name(gen_state(g)));
    gen_free(g);
    return 0;
}
