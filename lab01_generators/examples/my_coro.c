/* my_coro: values go in through send() and come out through yield; the
 * return value comes out in StopIteration.  Python twin: my_coro.py.
 * (The seed prints this session with wrong outputs; this is what
 * CPython really prints.) */
#include <stdio.h>

#include "gen.h"

struct my_coro_frame {
    long long x, y;     /* x and y must survive the yields: frame, not locals */
};

static enum gen_step my_coro_body(struct gen *g, void *frame)
{
    struct my_coro_frame *f = frame;

    GEN_BEGIN(g);
    puts("-> coroutine started");
    GEN_YIELD(g, co_str("foo"));              /* x = yield 'foo' */
    f->x = gen_sent(g).as.i;
    printf("-> received x = %lld\n", f->x);
    GEN_YIELD(g, co_str("bar"));              /* y = yield 'bar' */
    f->y = gen_sent(g).as.i;
    printf("-> received y = %lld\n", f->y);
    GEN_RETURN(g, co_int(f->x + f->y));       /* return x + y */
    GEN_END(g);
}

int main(void)
{
    struct gen *coro = gen_new("my_coro", my_coro_body, sizeof(struct my_coro_frame));
    struct co_value out;
    struct co_exc exc;

    if (!coro)
        return 1;
    if (gen_next(coro, &out, &exc) == GEN_YIELDED)
        puts(out.as.s);
    if (gen_send(coro, co_int(1), &out, &exc) == GEN_YIELDED)
        puts(out.as.s);
    if (gen_send(coro, co_int(2), &out, &exc) == GEN_RAISED &&
        exc.kind == CO_STOP_ITERATION)
        printf("returned %lld\n", exc.value.as.i);
    gen_free(coro);
    return 0;
}
