/*
 * yieldfrom.c - YOUR FILE for lab02: delegation (`yield from`).
 *
 * Read README.md first; yieldfrom.h is the contract of every function
 * here, and gen.h (lab01) the protocol you build on: gen_next, gen_send,
 * gen_throw, gen_close and gen_free are there for you to call (when
 * graded, the reference lab01 is linked in, so they all work).
 *
 * Each TODO says which step of the handout it belongs to and which tests
 * check it.  Until you write it, a TODO returns CO_ENOSYS; the delegation
 * macros then raise RuntimeError "yield from: not implemented (yieldfrom.c
 * TODO)" in the delegating generator, so its tests fail with a message
 * instead of crashing.
 */
#include "yieldfrom.h"

int yf_collect(struct gen *g, int r, struct co_value out,
               const struct co_exc *exc, struct co_value *result)
{
    (void)g;
    (void)r;
    (void)out;
    (void)exc;
    (void)result;
    /* LAB 2.1: a yield keeps the delegation going (g->value = out).
     * Anything else ends it: free the delegate and clear g->delegate;
     * then a StopIteration gives *result its value, any other exception
     * goes into g->exc.  Checked by check_collect.c. */
    return CO_ENOSYS;
}

int yf_start(struct gen *g, struct gen *sub, struct co_value *result)
{
    (void)g;
    (void)sub;
    (void)result;
    /* LAB 2.2: refuse a NULL sub (TypeError) and a RUNNING one
     * (ValueError) without taking it; otherwise g->delegate = sub, prime
     * it with gen_next and let yf_collect decide.  A CLOSED sub needs no
     * special case if yf_collect follows its contract.  Checked by
     * check_start.c. */
    return CO_ENOSYS;
}

int yf_resume(struct gen *g, struct co_value *result)
{
    (void)g;
    (void)result;
    /* LAB 2.3: not thrown: gen_send(g->delegate, g->sent, ...), then
     * yf_collect.  Checked by check_send.c.
     * LAB 2.4: thrown (g->thrown, g->exc), not GeneratorExit: clear
     * g->thrown, gen_throw it into the delegate, then yf_collect.
     * Checked by check_raise.c.
     * LAB 2.5: thrown GeneratorExit (or a subclass: co_exc_matches):
     * clear g->thrown, gen_close the
     * delegate, free it, and raise GeneratorExit in g (or what the close
     * raised).  Checked by check_close.c. */
    return CO_ENOSYS;
}
