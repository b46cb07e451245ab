/* fibo: the seed's generator, as a hand-written state machine and as a
 * generator object.  Python twin: fibo.py. */
#include <stdio.h>

#include "gen.h"

int main(void)
{
    struct fibo_sm sm;
    long long x;
    struct gen *g;
    struct co_value out;
    struct co_exc exc;
    char repr[CO_REPR_MAX];

    /* for i in fibo(100): print(i) -- the state machine by hand */
    fibo_sm_init(&sm, 100);
    while (fibo_sm_next(&sm, &x) == 1)
        printf("%lld\n", x);

    /* The generator object: next() until StopIteration. */
    g = fibo_new(2);
    if (!g)
        return 1;
    for (int k = 0; k < 2; k++)
        if (gen_next(g, &out, &exc) == GEN_YIELDED)
            printf("%s\n", co_value_repr(out, repr, sizeof repr));
    if (gen_next(g, &out, &exc) == GEN_RAISED && exc.kind == CO_STOP_ITERATION)
        printf("StopIteration, value: %s\n", co_value_repr(exc.value, repr, sizeof repr));
    gen_free(g);
    return 0;
}
