/* Steps 4 and 5: throw, close, and freeing a paused generator. */
#include "lab01_tests.h"

#include <stdio.h>
#include <string.h>

/* What a body saw, kept outside the generator so that a test can read it
 * after the generator is gone. */
struct witness {
    int entered;                 /* body calls */
    int cleanups;                /* times it saw GeneratorExit */
    enum co_exc_kind last_caught;
};

/* Yields 1, 2, 3, ...; on any thrown exception: counts it; GeneratorExit
 * is re-raised (clean exit), KeyError is swallowed and it yields -1,
 * ZeroDivisionError makes it return 99, anything else escapes. */
struct catcher_frame {
    struct witness *w;
    long long i;
    struct co_exc caught;
};

static enum gen_step catcher_body(struct gen *g, void *frame)
{
    struct catcher_frame *f = frame;

    f->w->entered++;
    GEN_BEGIN(g);
    for (f->i = 1;; f->i++) {
        GEN_TRY_YIELD(g, co_int(f->i), f->caught);
        if (f->caught.kind == CO_EXC_NONE)
            continue;
        f->w->last_caught = f->caught.kind;
        if (f->caught.kind == CO_GENERATOR_EXIT) {
            f->w->cleanups++;
            GEN_RERAISE(g, f->caught);
        }
        if (f->caught.kind == CO_ZERO_DIVISION_ERROR)
            GEN_RETURN(g, co_int(99));
        if (f->caught.kind != CO_KEY_ERROR)
            GEN_RERAISE(g, f->caught);
        GEN_YIELD(g, co_int(-1));
    }
    GEN_END(g);
}

static struct gen *catcher_new(struct witness *w)
{
    struct gen *g = gen_new("catcher", catcher_body, sizeof(struct catcher_frame));

    if (g)
        ((struct catcher_frame *)gen_frame(g))->w = w;
    return g;
}

/* Answers GeneratorExit in a way chosen by `how`. */
enum on_exit { KEEP_YIELDING, RAISE_KEY_ERROR, RETURN_QUIETLY, RAISE_STOP_ITERATION };
struct stubborn_frame {
    enum on_exit how;
    struct co_exc caught;
};

static enum gen_step stubborn_body(struct gen *g, void *frame)
{
    struct stubborn_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_int(7), f->caught);
        if (f->caught.kind != CO_GENERATOR_EXIT)
            continue;
        if (f->how == RAISE_KEY_ERROR)
            GEN_RAISE(g, CO_KEY_ERROR, "from cleanup");
        if (f->how == RETURN_QUIETLY)
            GEN_RETURN(g, co_int(5));
        if (f->how == RAISE_STOP_ITERATION)
            GEN_RAISE(g, CO_STOP_ITERATION, NULL);
        /* KEEP_YIELDING: ignore it and loop to yield again */
    }
    GEN_END(g);
}

static struct gen *stubborn_new(enum on_exit how)
{
    struct gen *g = gen_new("stubborn", stubborn_body, sizeof(struct stubborn_frame));

    if (g)
        ((struct stubborn_frame *)gen_frame(g))->how = how;
    return g;
}

/* Closes its own generator from inside the body. */
struct self_closer_frame {
    int r;
    struct co_exc exc;
};

static enum gen_step self_closer_body(struct gen *g, void *frame)
{
    struct self_closer_frame *f = frame;

    GEN_BEGIN(g);
    f->r = gen_close(g, &f->exc);
    GEN_YIELD(g, co_int(f->r));
    GEN_END(g);
}

/* Start g and check it yielded `want` (a macro, so that a failure
 * points at the test's line). */
#define start(g, want) do {                                             \
        struct co_value o_;                                             \
        struct co_exc e_;                                               \
        int r_ = gen_next((g), &o_, &e_);                               \
        expect_yielded(step_of(r_, o_, &e_), co_int(want), "the first next()");  \
    } while (0)

/* ---- throw ----------------------------------------------------------------- */

START_TEST(test_lifecycle_lets_other_exceptions_escape)
{
    struct gen *g = NEW_GEN(lifecycle_new(co_int(0)));
    struct lifecycle_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc, key = co_exc_make(CO_KEY_ERROR, "not mine");
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "next(g)");
    r = gen_throw(g, &key, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_KEY_ERROR, "g.throw(KeyError): only ValueError is caught");
    ck_assert_msg(f->overs == 0, "a KeyError must not count as caught");
    expect_state(g, GEN_CLOSED, "after KeyError escaped");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_refuses_NULL_arguments_with_EINVAL)
{
    struct gen *g = NEW_GEN(fibo_new(10));
    struct co_value out;
    struct co_exc exc, boom = exc_of(CO_VALUE_ERROR);
    int r;

    ck_assert_err(gen_throw(NULL, &boom, &out, &exc), CO_EINVAL);
    ck_assert_err(gen_throw(g, NULL, &out, &exc), CO_EINVAL);
    ck_assert_err(gen_throw(g, &boom, NULL, &exc), CO_EINVAL);
    ck_assert_err(gen_throw(g, &boom, &out, NULL), CO_EINVAL);
    expect_state(g, GEN_CREATED, "after only refused throws");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "next() after the refused throws");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_not_caught_escapes_and_closes)
{
    struct gen *g = NEW_GEN(fibo_new(100));
    struct co_value out;
    struct co_exc exc, boom = co_exc_make(CO_VALUE_ERROR, "thrown in");
    int r;

    start(g, 1);
    r = gen_throw(g, &boom, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_VALUE_ERROR, "throw(ValueError) into fibo, which does not catch it");
    ck_assert_msg(strcmp(exc.msg, "thrown in") == 0, "the exception that comes out "
                  "must be the one thrown in: message \"thrown in\", got \"%s\"", exc.msg);
    expect_state(g, GEN_CLOSED, "after an uncaught throw");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_caught_lets_the_body_yield_again)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));

    start(g, 1);
    expect_yielded(step_throw(g, CO_KEY_ERROR), co_int(-1),
                   "throw(KeyError) into a body that catches it");
    ck_assert_msg(w.last_caught == CO_KEY_ERROR, "the body should have caught "
                  "KeyError, it caught %s", co_exc_kind_name(w.last_caught));
    expect_state(g, GEN_SUSPENDED, "after a caught throw");
    expect_yielded(step_next(g), co_int(2), "next() after the caught throw");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_caught_then_return_gives_StopIteration)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));

    start(g, 1);
    expect_stopped(step_throw(g, CO_ZERO_DIVISION_ERROR), co_int(99),
                   "a body that answers the throw by returning 99");
    expect_state(g, GEN_CLOSED, "after the body returned");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_into_a_created_generator_never_runs_it)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc, key = exc_of(CO_KEY_ERROR);
    int r = gen_throw(g, &key, &out, &exc);

    expect_raised(step_of(r, co_none(), &exc), CO_KEY_ERROR, "throw(KeyError) into a just-created generator");
    ck_assert_msg(w.entered == 0, "throw into a CREATED generator must not run the "
                  "body (there is no yield to raise it at), but it ran %d time(s)",
                  w.entered);
    expect_state(g, GEN_CLOSED, "after throwing into a created generator");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_into_a_closed_generator_reraises_it_with_EDONE)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc = { 0 }, key = exc_of(CO_KEY_ERROR), boom = exc_of(CO_VALUE_ERROR);
    int r;

    /* Closed by a throw into a CREATED generator (close is Step 5). */
    r = gen_throw(g, &boom, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_VALUE_ERROR, "throw into a created generator");
    expect_state(g, GEN_CLOSED, "after a throw into a created generator");
    exc = (struct co_exc){ 0 };
    r = gen_throw(g, &key, &out, &exc);
    ck_assert_msg(r == CO_EDONE, "throw into a closed generator: expected CO_EDONE, "
                  "got %s", gen_outcome_name(r));
    ck_assert_exc(&exc, CO_KEY_ERROR, "throw into a closed generator (Python re-raises it)");
    ck_assert_msg(w.entered == 0, "a closed generator's body must never run");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_of_no_exception_is_EINVAL)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc, none = exc_of(CO_EXC_NONE);

    start(g, 1);
    ck_assert_err(gen_throw(g, &none, &out, &exc), CO_EINVAL);
    ck_assert_msg(w.last_caught == CO_EXC_NONE, "a refused throw reached the body");
    expect_state(g, GEN_SUSPENDED, "after a refused throw");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_StopIteration_into_a_created_generator_is_RuntimeError)
{
    struct co_value out;
    struct co_exc exc, stop = exc_of(CO_STOP_ITERATION), stop5 = co_exc_stop(co_int(5));
    /* class MyStop(StopIteration): PEP 479 catches subclasses too */
    struct co_exc mine = exc_of(co_exc_kind_new("MyStop", CO_STOP_ITERATION));
    struct co_exc *thrown[] = { &stop, &stop5, &mine };
    const char *said[] = { "throw(StopIteration)", "throw(StopIteration(5))",
                           "throw(MyStop()) (class MyStop(StopIteration))" };

    for (int i = 0; i < 3; i++) {
        struct witness w = { 0 };
        struct gen *g = NEW_GEN(catcher_new(&w));
        int r = gen_throw(g, thrown[i], &out, &exc);
        char situation[200];

        snprintf(situation, sizeof situation, "%s into a just-created generator (it leaves "
                 "the generator at once, so PEP 479 turns it into RuntimeError, as CPython "
                 "does)", said[i]);
        expect_raised(step_of(r, co_none(), &exc), CO_RUNTIME_ERROR, situation);
        ck_assert_msg(strcmp(exc.msg, "generator raised StopIteration") == 0,
                      "%s into a created generator: the message should be \"generator "
                      "raised StopIteration\", got \"%s\"", said[i], exc.msg);
        expect_caused_by(&exc, thrown[i]->kind, thrown[i]->value, situation);
        ck_assert_msg(w.entered == 0, "the body must not run");
        expect_state(g, GEN_CLOSED, "after throwing StopIteration into a created generator");
        gen_free(g);
    }
}
END_TEST

START_TEST(test_a_refused_throw_of_no_exception_says_TypeError)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc = { 0 }, none = exc_of(CO_EXC_NONE);

    start(g, 1);
    ck_assert_err(gen_throw(g, &none, &out, &exc), CO_EINVAL);
    ck_assert_exc(&exc, CO_TYPE_ERROR, "throw of CO_EXC_NONE (Python's g.throw(None)): "
                  "gen.h says a refused call sets *exc to what Python raises");
    ck_assert_msg(strstr(exc.msg, "deriving from BaseException") != NULL, "the TypeError "
                  "should say \"exceptions must be classes or instances deriving from "
                  "BaseException, not NoneType\", got \"%s\"", exc.msg);
    expect_state(g, GEN_SUSPENDED, "after a refused throw");
    gen_free(g);
}
END_TEST

/* ---- close -------------------------------------------------------------------- */

START_TEST(test_lifecycle_follows_the_seed_session)
{
    struct gen *g = NEW_GEN(lifecycle_new(co_str("started")));
    struct lifecycle_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc, ve = exc_of(CO_VALUE_ERROR);
    int r;

    expect_state(g, GEN_CREATED, "g = generator()");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("started"), "next(g)");
    expect_state(g, GEN_SUSPENDED, "after next(g)");
    r = gen_send(g, co_str("Hello Generator"), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("Hello Generator"), "g.send('Hello Generator')");
    r = gen_throw(g, &ve, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("Hello Generator"),
                   "g.throw(ValueError): caught, prints Over, yields i again");
    ck_assert_msg(f->overs == 1, "the ValueError should have been caught once "
                  "(frame->overs), got %d", f->overs);
    ck_assert_err(gen_close(g, &exc), CO_OK);
    expect_state(g, GEN_CLOSED, "after g.close()");
    gen_free(g);
}
END_TEST

START_TEST(test_close_of_NULL_is_EINVAL)
{
    struct co_exc exc;

    ck_assert_err(gen_close(NULL, &exc), CO_EINVAL);
    ck_assert_err(gen_close(NULL, NULL), CO_EINVAL);
}
END_TEST

START_TEST(test_close_of_a_created_generator_never_runs_the_body)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc;
    int r;

    ck_assert_err(gen_close(g, &exc), CO_OK);
    ck_assert_msg(w.entered == 0, "closing a CREATED generator ran its body %d time(s)",
                  w.entered);
    expect_state(g, GEN_CLOSED, "after closing a created generator");
    r = gen_next(g, &out, &exc);
    ck_assert_msg(r == CO_EDONE, "next() after close: expected CO_EDONE, got %s",
                  gen_outcome_name(r));
    gen_free(g);
}
END_TEST

START_TEST(test_close_raises_GeneratorExit_at_the_paused_yield)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_exc exc = { 0 };

    start(g, 1);
    ck_assert_err(gen_close(g, &exc), CO_OK);
    ck_assert_msg(w.cleanups == 1, "close() must throw GeneratorExit in at the yield: "
                  "the body saw it %d time(s), expected 1", w.cleanups);
    ck_assert_msg(exc.kind == CO_EXC_NONE, "a quiet close must not report an exception");
    expect_state(g, GEN_CLOSED, "after close()");
    gen_free(g);
    ck_assert_msg(w.cleanups == 1, "gen_free on a closed generator must not run it again");
}
END_TEST

/* gen_close(g, exc) must raise an exception of `kind` (GEN_RAISED). */
#define expect_close_raises(g, kind, exc, situation) \
    CO_EXPECT(why_close_did_not_raise((g), (kind), (exc), (situation)))
static const char *why_close_did_not_raise(struct gen *g, enum co_exc_kind kind,
                                           struct co_exc *exc, const char *situation)
{
    char text[CO_EXC_FORMAT_MAX];
    int r = gen_close(g, exc);

    if (r != GEN_RAISED)
        return co_why("%s: expected close() to raise %s (GEN_RAISED), got %s%s", situation,
                      co_exc_kind_name(kind), gen_outcome_name(r), todo_hint(r, NULL));
    if (exc->kind != kind)
        return co_why("%s: expected close() to raise %s, it raised %s", situation,
                      co_exc_kind_name(kind), co_exc_format(exc, text, sizeof text));
    return NULL;
}

START_TEST(test_close_of_a_body_that_keeps_yielding_is_RuntimeError)
{
    struct gen *g = NEW_GEN(stubborn_new(KEEP_YIELDING));
    struct co_exc exc = { 0 };

    start(g, 7);
    expect_close_raises(g, CO_RUNTIME_ERROR, &exc, "close() of a generator that yields "
                        "instead of exiting (it ignored GeneratorExit)");
    ck_assert_msg(strstr(exc.msg, "ignored GeneratorExit") != NULL,
                  "the message should say \"generator ignored GeneratorExit\", got \"%s\"",
                  exc.msg);
    expect_state(g, GEN_SUSPENDED, "after it ignored GeneratorExit (Python keeps it paused)");
    /* Freeing it closes again: the second RuntimeError is reported on stderr. */
    ck_assert_err(gen_free(g), CO_OK);
}
END_TEST

START_TEST(test_close_passes_on_another_exception_from_the_body)
{
    struct gen *g = NEW_GEN(stubborn_new(RAISE_KEY_ERROR));
    struct co_exc exc = { 0 };

    start(g, 7);
    expect_close_raises(g, CO_KEY_ERROR, &exc, "close() where cleanup raises KeyError");
    expect_state(g, GEN_CLOSED, "after cleanup raised");
    gen_free(g);
}
END_TEST

START_TEST(test_close_of_a_body_that_returns_is_quiet)
{
    struct gen *g = NEW_GEN(stubborn_new(RETURN_QUIETLY));
    struct co_exc exc = { 0 };

    start(g, 7);
    ck_assert_err(gen_close(g, &exc), CO_OK);
    expect_state(g, GEN_CLOSED, "after the body returned from GeneratorExit");
    ck_assert_err(gen_close(g, &exc), CO_OK);   /* and again: a no-op */
    expect_state(g, GEN_CLOSED, "after a second close()");
    gen_free(g);
}
END_TEST

START_TEST(test_close_where_the_body_raises_StopIteration_is_RuntimeError)
{
    struct gen *g = NEW_GEN(stubborn_new(RAISE_STOP_ITERATION));
    struct co_exc exc = { 0 };

    start(g, 7);
    expect_close_raises(g, CO_RUNTIME_ERROR, &exc, "close() where cleanup raises "
                        "StopIteration (PEP 479 makes it RuntimeError; only a return or "
                        "GeneratorExit is a quiet close)");
    expect_caused_by(&exc, CO_STOP_ITERATION, co_none(),
                     "close() where cleanup raises StopIteration (PEP 479)");
    expect_state(g, GEN_CLOSED, "after cleanup raised");
    gen_free(g);
}
END_TEST

START_TEST(test_close_of_a_running_generator_is_ValueError)
{
    struct gen *g = NEW_GEN(gen_new("self_closer", self_closer_body,
                                    sizeof(struct self_closer_frame)));
    struct self_closer_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc;
    int r = gen_next(g, &out, &exc);

    expect_yielded(step_of(r, out, &exc), co_int(CO_ESTATE),
                   "a body closing its own generator gets CO_ESTATE");
    ck_assert_exc(&f->exc, CO_VALUE_ERROR, "close() of a running generator");
    expect_state(g, GEN_SUSPENDED, "the refused close changed nothing");
    gen_free(g);
}
END_TEST

/* ---- freeing -------------------------------------------------------------------- */

START_TEST(test_freeing_a_suspended_generator_closes_it_first)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));

    start(g, 1);
    ck_assert_err(gen_free(g), CO_OK);
    ck_assert_msg(w.cleanups == 1, "gen_free of a paused generator must close it "
                  "first (GeneratorExit at the yield, so it can clean up): the body "
                  "saw GeneratorExit %d time(s)", w.cleanups);
}
END_TEST

START_TEST(test_freeing_a_created_generator_never_runs_it)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_exc exc;

    ck_assert_err(gen_free(g), CO_OK);
    ck_assert_msg(w.entered == 0, "gen_free of a CREATED generator ran its body");
    /* the same generator, started and exhausted, is not closed twice */
    g = NEW_GEN(catcher_new(&w));
    start(g, 1);
    ck_assert_err(gen_close(g, &exc), CO_OK);
    ck_assert_err(gen_free(g), CO_OK);
    ck_assert_msg(w.cleanups == 1, "close then free: GeneratorExit seen %d time(s), "
                  "expected once", w.cleanups);
}
END_TEST

/* ---- the exception hierarchy ---------------------------------------------- */

/* Python:
 *     class MyExit(GeneratorExit): pass
 *     def polite():
 *         try:
 *             yield 7
 *         except GeneratorExit:
 *             raise MyExit("bye")       # still a GeneratorExit
 * polite() closed while paused: close() returns None. */
struct polite_frame {
    enum co_exc_kind my_exit;
    struct co_exc caught;
};

static enum gen_step polite_body(struct gen *g, void *frame)
{
    struct polite_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD(g, co_int(7), f->caught);
    if (co_exc_matches(&f->caught, CO_GENERATOR_EXIT))
        GEN_RAISE(g, f->my_exit, "bye");
    GEN_END(g);
}

START_TEST(test_close_swallows_a_subclass_of_GeneratorExit_from_the_body)
{
    enum co_exc_kind my_exit = co_exc_kind_new("MyExit", CO_GENERATOR_EXIT);
    struct gen *g = NEW_GEN(gen_new("polite", polite_body, sizeof(struct polite_frame)));
    struct co_exc exc = { 0 };
    int r;

    ck_assert_msg(my_exit != CO_EXC_NONE, "co_exc_kind_new(\"MyExit\", GeneratorExit) failed");
    ((struct polite_frame *)gen_frame(g))->my_exit = my_exit;
    start(g, 7);
    r = gen_close(g, &exc);
    ck_assert_msg(r == CO_OK, "close() of a generator that answers GeneratorExit by "
                  "raising MyExit (class MyExit(GeneratorExit)): expected CO_OK, as "
                  "Python's close() returns None for any GeneratorExit, got %s%s%s "
                  "(hint: test the exception with co_exc_matches(&e, CO_GENERATOR_EXIT), "
                  "which is true for a subclass too, not with ==)",
                  gen_outcome_name(r), r == GEN_RAISED ? " with " : "",
                  r == GEN_RAISED ? co_exc_kind_name(exc.kind) : "");
    expect_state(g, GEN_CLOSED, "after close()");
    gen_free(g);
}
END_TEST

/* Python:
 *     def careful():
 *         while True:
 *             try:
 *                 yield 1
 *             except Exception:
 *                 yield "handled"
 * CancelledError is a BaseException, not an Exception (since 3.8). */
struct careful_frame {
    struct co_exc caught;
};

static enum gen_step careful_body(struct gen *g, void *frame)
{
    struct careful_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_int(1), f->caught);
        if (f->caught.kind == CO_EXC_NONE)
            continue;
        if (!co_exc_matches(&f->caught, CO_EXCEPTION))
            GEN_RERAISE(g, f->caught);          /* not ours: let it go */
        GEN_YIELD(g, co_str("handled"));
    }
    GEN_END(g);
}

START_TEST(test_except_Exception_does_not_catch_CancelledError)
{
    struct gen *g = NEW_GEN(gen_new("careful", careful_body, sizeof(struct careful_frame)));
    struct co_exc exc, err = co_exc_make(CO_VALUE_ERROR, "bad");
    struct co_exc cancel = co_exc_make(CO_CANCELLED_ERROR, "stop");
    struct co_value out;
    int r;

    start(g, 1);
    r = gen_throw(g, &err, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("handled"),
                   "throw(ValueError) into `try: yield / except Exception`");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "next() after the handler");
    r = gen_throw(g, &cancel, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_CANCELLED_ERROR,
                  "throw(CancelledError) into `try: yield / except Exception`: "
                  "CancelledError derives from BaseException, so it escapes");
    ck_assert_msg(exc.context == NULL, "a re-raised exception must not become its own "
                  "context, but CancelledError came out with context %s",
                  exc.context ? co_exc_kind_name(exc.context->kind) : "");
    expect_state(g, GEN_CLOSED, "after CancelledError escaped");
    gen_free(g);
}
END_TEST

START_TEST(test_exception_raised_while_handling_a_throw_keeps_it_as_context)
{
    struct gen *g = NEW_GEN(stubborn_new(RAISE_KEY_ERROR));
    struct co_exc exc = { 0 };
    int r;

    start(g, 7);
    r = gen_close(g, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_KEY_ERROR, "close() of a body that raises KeyError "
                  "while handling GeneratorExit");
    ck_assert_msg(exc.context && exc.context->kind == CO_GENERATOR_EXIT,
                  "the KeyError was raised while GeneratorExit was being handled, so its "
                  "context (Python's __context__) must be the GeneratorExit; got %s "
                  "(hint: pass the body's exception on whole, `*exc = g->exc`: the "
                  "macros fill in the context)",
                  exc.context ? co_exc_kind_name(exc.context->kind) : "no context");
    gen_free(g);
}
END_TEST

/* ---- added for the mutation check (make mutate) --------------------------------- */

START_TEST(test_throw_with_NULL_out_or_exc_is_EINVAL)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc, key = exc_of(CO_KEY_ERROR);

    start(g, 1);
    ck_assert_msg(gen_throw(g, &key, NULL, &exc) == CO_EINVAL,
                  "gen_throw(g, &thrown, NULL, &exc): expected CO_EINVAL (out is NULL), "
                  "got %s (hint: check every pointer argument, each on its own)",
                  gen_outcome_name(gen_throw(g, &key, NULL, &exc)));
    ck_assert_msg(gen_throw(g, &key, &out, NULL) == CO_EINVAL,
                  "gen_throw(g, &thrown, &out, NULL): expected CO_EINVAL (exc is NULL), "
                  "got %s", gen_outcome_name(gen_throw(g, &key, &out, NULL)));
    ck_assert_msg(w.entered == 1 && w.last_caught == CO_EXC_NONE,
                  "a refused gen_throw must not resume the body: it ran %d time(s) and "
                  "caught %s", w.entered, co_exc_kind_name(w.last_caught));
    gen_free(g);
}
END_TEST

/* Yields what each resume sent in, as a string tag: "none", an int, or
 * "caught" (then what gen_sent said) after a thrown KeyError. */
struct echo_frame {
    struct co_exc caught;
    struct co_value seen;
};

static enum gen_step echo_body(struct gen *g, void *frame)
{
    struct echo_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_TRY_YIELD(g, co_int(0), f->caught);
        f->seen = gen_sent(g);
        if (f->caught.kind != CO_EXC_NONE && f->caught.kind != CO_KEY_ERROR)
            GEN_RERAISE(g, f->caught);
    }
    GEN_END(g);
}

START_TEST(test_a_throw_delivers_no_stale_sent_value)
{
    struct gen *g = NEW_GEN(gen_new("echo", echo_body, sizeof(struct echo_frame)));
    struct echo_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc, key = exc_of(CO_KEY_ERROR);
    char text[64];
    int r;

    start(g, 0);
    r = gen_send(g, co_int(5), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "echo: send(5)");
    r = gen_throw(g, &key, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "echo: throw(KeyError), caught by the body");
    ck_assert_msg(co_is_none(f->seen), "after send(5) then throw(KeyError), gen_sent(g) "
                  "in the body: expected None (a throw sends nothing, gen.h: `sent`), "
                  "got %s (hint: once a resume is over, what it sent is gone)",
                  co_value_repr(f->seen, text, sizeof text));
    gen_free(g);
}
END_TEST

/* Run gen_free(g) with stderr going into buf (at most size - 1 bytes). */
static int free_capturing_stderr(struct gen *g, char *buf, size_t size)
{
    int r;

    capture_begin();
    r = gen_free(g);
    snprintf(buf, size, "%s", capture_end());
    return r;
}

START_TEST(test_freeing_a_generator_that_ignores_GeneratorExit_says_so_on_stderr)
{
    struct gen *g = NEW_GEN(stubborn_new(KEEP_YIELDING));
    const char *want = "Exception ignored in: <generator stubborn>";
    char err[512];

    start(g, 7);
    ck_assert_err(free_capturing_stderr(g, err, sizeof err), CO_OK);
    ck_assert_msg(strstr(err, want) && strstr(err, "generator ignored GeneratorExit"),
                  "gen_free of a generator that yields again when closed: expected on "
                  "stderr \"%s: RuntimeError: generator ignored GeneratorExit\" (as Python "
                  "prints it), got \"%s\"", want, err);
}
END_TEST

START_TEST(test_freeing_a_generator_that_closes_cleanly_prints_nothing)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    char err[512];

    ck_assert_err(free_capturing_stderr(g, err, sizeof err), CO_OK);
    ck_assert_msg(err[0] == '\0', "gen_free of a CREATED generator printed \"%s\" on "
                  "stderr: nothing went wrong, so nothing should be printed", err);
    g = NEW_GEN(catcher_new(&w));
    start(g, 1);
    ck_assert_err(free_capturing_stderr(g, err, sizeof err), CO_OK);
    ck_assert_msg(err[0] == '\0', "gen_free of a paused generator that exits on "
                  "GeneratorExit printed \"%s\" on stderr: expected nothing", err);
}
END_TEST

START_TEST(test_freeing_a_generator_frees_its_delegate)
{
    struct witness wo = { 0 }, wi = { 0 };
    struct gen *outer = NEW_GEN(catcher_new(&wo));
    struct gen *inner = NEW_GEN(catcher_new(&wi));

    start(outer, 1);
    start(inner, 1);
    outer->delegate = inner;      /* as lab02's GEN_YIELD_FROM sets it: outer owns it */
    ck_assert_err(gen_free(outer), CO_OK);
    ck_assert_msg(wi.cleanups == 1, "gen_free of a generator with a paused delegate: "
                  "the delegate saw GeneratorExit %d time(s), expected once (gen.h: "
                  "gen_free frees g's delegate too, and freeing a paused generator "
                  "closes it)", wi.cleanups);
}
END_TEST

Suite *make_throw_close_suite(void)
{
    Suite *s = suite_create("throw_close");
    TCase *thr = tcase_create("throw");
    TCase *cls = tcase_create("close");
    TCase *fre = tcase_create("free");

    tcase_set_timeout(thr, LAB01_TIMEOUT);
    tcase_add_test(thr, test_throw_not_caught_escapes_and_closes);
    tcase_add_test(thr, test_throw_caught_lets_the_body_yield_again);
    tcase_add_test(thr, test_throw_caught_then_return_gives_StopIteration);
    tcase_add_test(thr, test_throw_into_a_created_generator_never_runs_it);
    tcase_add_test(thr, test_throw_into_a_closed_generator_reraises_it_with_EDONE);
    tcase_add_test(thr, test_throw_of_no_exception_is_EINVAL);
    tcase_add_test(thr, test_except_Exception_does_not_catch_CancelledError);
    tcase_add_test(thr, test_throw_refuses_NULL_arguments_with_EINVAL);
    tcase_add_test(thr, test_lifecycle_lets_other_exceptions_escape);
    tcase_add_test(thr, test_throw_StopIteration_into_a_created_generator_is_RuntimeError);
    tcase_add_test(thr, test_a_refused_throw_of_no_exception_says_TypeError);
    suite_add_tcase(s, thr);

    tcase_set_timeout(cls, LAB01_TIMEOUT);
    tcase_add_test(cls, test_close_of_a_created_generator_never_runs_the_body);
    tcase_add_test(cls, test_close_raises_GeneratorExit_at_the_paused_yield);
    tcase_add_test(cls, test_close_of_a_body_that_keeps_yielding_is_RuntimeError);
    tcase_add_test(cls, test_close_passes_on_another_exception_from_the_body);
    tcase_add_test(cls, test_close_of_a_body_that_returns_is_quiet);
    tcase_add_test(cls, test_close_where_the_body_raises_StopIteration_is_RuntimeError);
    tcase_add_test(cls, test_close_of_a_running_generator_is_ValueError);
    tcase_add_test(cls, test_close_swallows_a_subclass_of_GeneratorExit_from_the_body);
    tcase_add_test(cls, test_exception_raised_while_handling_a_throw_keeps_it_as_context);
    tcase_add_test(cls, test_close_of_NULL_is_EINVAL);
    tcase_add_test(cls, test_lifecycle_follows_the_seed_session);
    suite_add_tcase(s, cls);

    tcase_set_timeout(fre, LAB01_TIMEOUT);
    tcase_add_test(fre, test_freeing_a_suspended_generator_closes_it_first);
    tcase_add_test(fre, test_freeing_a_created_generator_never_runs_it);
    tcase_add_test(thr, test_throw_with_NULL_out_or_exc_is_EINVAL);
    tcase_add_test(thr, test_a_throw_delivers_no_stale_sent_value);
    tcase_add_test(fre, test_freeing_a_generator_that_ignores_GeneratorExit_says_so_on_stderr);
    tcase_add_test(fre, test_freeing_a_generator_that_closes_cleanly_prints_nothing);
    tcase_add_test(fre, test_freeing_a_generator_frees_its_delegate);
    suite_add_tcase(s, fre);
    return s;
}
