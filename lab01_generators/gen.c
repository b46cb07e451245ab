/*
 * gen.c - YOUR FILE for lab01: generators as state machines.
 *
 * Read README.md first; gen.h is the contract of every function here.
 * Each TODO says which step of the handout it belongs to and which tests
 * check it.  Until you write it, a TODO returns CO_ENOSYS, so its tests
 * fail with a message instead of crashing.
 *
 * Given, in gen_given.c (compiled in with this file; do not copy it
 * here): fibo_sm_init, gen_new, gen_frame, gen_state, gen_state_name,
 * gen_next, gen_check.
 */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Step 1: fibo by hand ---------------------------------------- */

int fibo_sm_next(struct fibo_sm *sm, long long *out)
{
    (void)sm;
    (void)out;
    /* LAB 1.1: switch on sm->state.  FIBO_START sets a, b = 0, 1 and
     * falls into the loop test; the loop test either yields (store a in
     * *out, remember FIBO_YIELDED, return 1) or ends (FIBO_DONE, return 0).
     * Checked by check_fibo_sm.c. */
    return CO_ENOSYS;
}

/* ---- Step 2: the generator object --------------------------------- */

int gen_send(struct gen *g, struct co_value value, struct co_value *out,
             struct co_exc *exc)
{
    (void)g;
    (void)value;
    (void)out;
    (void)exc;
    /* LAB 1.2: refuse what Python refuses (see gen.h: NULLs, RUNNING,
     * CLOSED, a non-none value for a CREATED generator); otherwise store
     * the value in g->sent, mark g RUNNING, call g->body(g, gen_frame(g)) and
     * turn its gen_step into the outcome: GEN_STEP_YIELD -> SUSPENDED,
     * GEN_YIELDED; GEN_STEP_RETURN -> CLOSED, StopIteration(g->value);
     * GEN_STEP_RAISE -> CLOSED, g->exc (StopIteration becomes
     * RuntimeError, raised from it: co_exc_from).  Checked by
     * check_protocol.c. */
    return CO_ENOSYS;
}

int gen_free(struct gen *g)
{
    if (!g)
        return CO_OK;
    /* LAB 1.2: a RUNNING generator cannot be freed (CO_ESTATE); a
     * SUSPENDED one must be closed first (gen_close) so that it can clean
     * up, and an exception from that close printed as "Exception ignored
     * in".  gen_close is Step 5's: until then it returns CO_ENOSYS and
     * this just frees.  Checked by check_protocol.c "frames and memory"
     * and check_throw_close.c "free". */
    gen_free(g->delegate);
    free(g);
    return CO_OK;
}

/* ---- Step 3: generators written with the macros ------------------- */

struct gen *fibo_new(long long n)
{
    (void)n;
    /* LAB 1.3: write a body with GEN_BEGIN / GEN_YIELD / GEN_END that
     * yields the numbers fibo(n) yields, keep a, b and n in a frame
     * struct of your own, and return gen_new(...) with n stored in the
     * frame.  Checked by check_macros.c "seed generators". */
    return NULL;
}

struct gen *lifecycle_new(struct co_value first)
{
    (void)first;
    /* LAB 1.3: the seed's lifecycle generator (gen.h shows the Python).
     * Use GEN_TRY_YIELD to catch what is thrown in, struct
     * lifecycle_frame as the frame, and count each caught ValueError in
     * frame->overs.  Checked by check_macros.c "seed generators". */
    return NULL;
}

/* ---- Step 4: throw ------------------------------------------------ */

int gen_throw(struct gen *g, const struct co_exc *thrown,
              struct co_value *out, struct co_exc *exc)
{
    (void)g;
    (void)thrown;
    (void)out;
    (void)exc;
    /* LAB 1.4: like gen_send, but deliver an exception: store it in
     * g->exc and set g->thrown, so that the paused GEN_YIELD raises it.
     * A CREATED generator closes without running (gen.h says what comes
     * back); a CLOSED one re-raises it with CO_EDONE.  Checked by check_throw_close.c "throw". */
    return CO_ENOSYS;
}

/* ---- Step 5: close, and freeing a paused generator ----------------- */

int gen_close(struct gen *g, struct co_exc *exc)
{
    (void)g;
    (void)exc;
    /* LAB 1.5: CREATED or CLOSED: just mark it CLOSED.  SUSPENDED: throw
     * GeneratorExit in; GeneratorExit (or a subclass of it: test with
     * co_exc_matches) or a return coming out means a quiet close (a
     * StopIteration the body raised is RuntimeError by then, PEP 479:
     * passed on); a yield means RuntimeError "generator
     * ignored GeneratorExit"; anything else is passed on.  Checked by
     * check_throw_close.c "close". */
    return CO_ENOSYS;
}
