/* Step 4: throw and close, and freeing a paused generator. */
#include "lab01_tests.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
enum on_exit { KEEP_YIELDING, RAISE_KEY_ERROR, RETURN_QUIETLY };
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
        expect_yielded(r_, o_, &e_, co_int(want), "the first next()");  \
    } while (0)

/* ---- throw ----------------------------------------------------------------- */

START_TEST(test_throw_not_caught_escapes_and_closes)
{
    struct gen *g = NEW_GEN(fibo_new(100));
    struct co_value out;
    struct co_exc exc, boom = co_exc_make(CO_VALUE_ERROR, "thrown in");
    int r;

    start(g, 1);
    r = gen_throw(g, &boom, &out, &exc);
    expect_raised(r, &exc, CO_VALUE_ERROR, "throw(ValueError) into fibo, which does not catch it");
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
    struct co_value out;
    struct co_exc exc, key = exc_of(CO_KEY_ERROR);
    int r;

    start(g, 1);
    r = gen_throw(g, &key, &out, &exc);
    expect_yielded(r, out, &exc, co_int(-1), "throw(KeyError) into a body that catches it");
    ck_assert_msg(w.last_caught == CO_KEY_ERROR, "the body should have caught "
                  "KeyError, it caught %s", co_exc_kind_name(w.last_caught));
    expect_state(g, GEN_SUSPENDED, "after a caught throw");
    r = gen_next(g, &out, &exc);
    expect_yielded(r, out, &exc, co_int(2), "next() after the caught throw");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_caught_then_return_gives_StopIteration)
{
    struct witness w = { 0 };
    struct gen *g = NEW_GEN(catcher_new(&w));
    struct co_value out;
    struct co_exc exc, zde = exc_of(CO_ZERO_DIVISION_ERROR);
    int r;

    start(g, 1);
    r = gen_throw(g, &zde, &out, &exc);
    expect_stopped(r, &exc, co_int(99), "a body that answers the throw by returning 99");
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

    expect_raised(r, &exc, CO_KEY_ERROR, "throw(KeyError) into a just-created generator");
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
    struct co_exc exc = { 0 }, key = exc_of(CO_KEY_ERROR);
    int r;

    ck_assert_err(gen_close(g, NULL), CO_OK);
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

/* ---- close -------------------------------------------------------------------- */

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

START_TEST(test_close_of_a_body_that_keeps_yielding_is_RuntimeError)
{
    struct gen *g = NEW_GEN(stubborn_new(KEEP_YIELDING));
    struct co_exc exc = { 0 };
    int r;

    start(g, 7);
    r = gen_close(g, &exc);
    ck_assert_msg(r == GEN_RAISED, "close() of a generator that yields instead of "
                  "exiting: expected GEN_RAISED, got %s", gen_outcome_name(r));
    ck_assert_exc(&exc, CO_RUNTIME_ERROR, "close() of a generator that ignored GeneratorExit");
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
    int r;

    start(g, 7);
    r = gen_close(g, &exc);
    ck_assert_msg(r == GEN_RAISED, "close() where cleanup raises KeyError: expected "
                  "GEN_RAISED, got %s", gen_outcome_name(r));
    ck_assert_exc(&exc, CO_KEY_ERROR, "close() where cleanup raises KeyError");
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

START_TEST(test_close_of_a_running_generator_is_ValueError)
{
    struct gen *g = NEW_GEN(gen_new("self_closer", self_closer_body,
                                    sizeof(struct self_closer_frame)));
    struct self_closer_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc;
    int r = gen_next(g, &out, &exc);

    expect_yielded(r, out, &exc, co_int(CO_ESTATE),
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
    expect_yielded(r, out, &exc, co_int(0), "echo: send(5)");
    r = gen_throw(g, &key, &out, &exc);
    expect_yielded(r, out, &exc, co_int(0), "echo: throw(KeyError), caught by the body");
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
    int fds[2], saved, r;
    ssize_t n;

    fflush(stderr);
    ck_assert_msg(pipe(fds) == 0 && (saved = dup(2)) >= 0, "test setup: pipe/dup failed");
    dup2(fds[1], 2);
    r = gen_free(g);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fds[1]);
    n = read(fds[0], buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
    close(fds[0]);
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
    suite_add_tcase(s, thr);

    tcase_set_timeout(cls, LAB01_TIMEOUT);
    tcase_add_test(cls, test_close_of_a_created_generator_never_runs_the_body);
    tcase_add_test(cls, test_close_raises_GeneratorExit_at_the_paused_yield);
    tcase_add_test(cls, test_close_of_a_body_that_keeps_yielding_is_RuntimeError);
    tcase_add_test(cls, test_close_passes_on_another_exception_from_the_body);
    tcase_add_test(cls, test_close_of_a_body_that_returns_is_quiet);
    tcase_add_test(cls, test_close_of_a_running_generator_is_ValueError);
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
