/* Step 2: the generator object: states, next, send, return values,
 * misuse, frames, and memory. */
#include "lab01_tests.h"

#include <string.h>

/* ---- bodies used below ----------------------------------------------- */

/* count(n): yields 0..n-1, returns n * 10.  Counts how often it was entered. */
struct count_frame {
    long long n, i;
    int *entered;     /* test-owned counter of body calls, may be NULL */
};

static enum gen_step count_body(struct gen *g, void *frame)
{
    struct count_frame *f = frame;

    if (f->entered)
        ++*f->entered;
    GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++)
        GEN_YIELD(g, co_int(f->i));
    GEN_RETURN(g, co_int(f->n * 10));
    GEN_END(g);
}

static struct gen *count_new(long long n, int *entered)
{
    struct gen *g = gen_new("count", count_body, sizeof(struct count_frame));

    if (g) {
        struct count_frame *f = gen_frame(g);
        f->n = n;
        f->entered = entered;
    }
    return g;
}

/* The seed's my_coro: x = yield 'foo'; y = yield 'bar'; return x + y */
struct my_coro_frame {
    long long x, y;
};

static enum gen_step my_coro_body(struct gen *g, void *frame)
{
    struct my_coro_frame *f = frame;

    GEN_BEGIN(g);
    GEN_YIELD(g, co_str("foo"));
    f->x = gen_sent(g).as.i;
    GEN_YIELD(g, co_str("bar"));
    f->y = gen_sent(g).as.i;
    GEN_RETURN(g, co_int(f->x + f->y));
    GEN_END(g);
}

/* Yields once, then records its own state as seen from inside. */
struct probe_frame {
    enum gen_state *seen;
};

static enum gen_step probe_body(struct gen *g, void *frame)
{
    struct probe_frame *f = frame;

    *f->seen = gen_state(g);
    GEN_BEGIN(g);
    GEN_YIELD(g, co_none());
    GEN_END(g);
}

/* Resumes itself from inside its own body and reports what happened. */
struct reenter_frame {
    int r;
    struct co_exc exc;
};

static enum gen_step reenter_body(struct gen *g, void *frame)
{
    struct reenter_frame *f = frame;
    struct co_value out;

    GEN_BEGIN(g);
    f->r = gen_next(g, &out, &f->exc);
    GEN_YIELD(g, co_int(f->r));
    GEN_END(g);
}

/* Yields once, then raises ValueError("boom"). */
static enum gen_step raiser_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_int(1));
    GEN_RAISE(g, CO_VALUE_ERROR, "boom");
    GEN_END(g);
}

/* Raises StopIteration itself: PEP 479 turns it into RuntimeError. */
static enum gen_step stopper_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_int(1));
    GEN_RAISE(g, CO_STOP_ITERATION, NULL);
    GEN_END(g);
}

/* Keeps a running total and a text in its frame across yields. */
struct acc_frame {
    long long total;
    char text[64];
    size_t len;
};

static enum gen_step acc_body(struct gen *g, void *frame)
{
    struct acc_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_YIELD(g, co_int(f->total));
        f->total += gen_sent(g).as.i;
        if (f->len + 1 < sizeof f->text)
            f->text[f->len++] = (char)('a' + gen_sent(g).as.i % 26);
    }
    GEN_END(g);
}

/* ---- states ------------------------------------------------------------ */

START_TEST(test_new_generator_is_created_and_its_body_has_not_run)
{
    int entered = 0;
    struct gen *g = NEW_GEN(count_new(3, &entered));
    struct co_value out;
    struct co_exc exc;
    int r;

    expect_state(g, GEN_CREATED, "right after gen_new");
    ck_assert_msg(entered == 0, "gen_new must not run the body, but it ran %d time(s)",
                  entered);
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "first next() of count(3)");
    ck_assert_msg(entered == 1, "the first next() should enter the body once, "
                  "entered %d time(s)", entered);
    gen_free(g);
}
END_TEST

START_TEST(test_states_go_created_suspended_closed)
{
    struct gen *g = NEW_GEN(count_new(2, NULL));
    struct co_value out;
    struct co_exc exc;
    int r;

    expect_state(g, GEN_CREATED, "before the first next()");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "next() #1 of count(2)");
    expect_state(g, GEN_SUSPENDED, "paused at the first yield");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "next() #2 of count(2)");
    expect_state(g, GEN_SUSPENDED, "paused at the second yield");
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_int(20), "next() #3 of count(2), which returns 20");
    expect_state(g, GEN_CLOSED, "after the body returned");
    expect_gen_check(g, "a closed generator");
    gen_free(g);
}
END_TEST

START_TEST(test_generator_is_running_while_its_body_executes)
{
    enum gen_state seen = GEN_CLOSED;
    struct gen *g = NEW_GEN(gen_new("probe", probe_body, sizeof(struct probe_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    ((struct probe_frame *)gen_frame(g))->seen = &seen;
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_none(), "next() of the probe");
    ck_assert_msg(seen == GEN_RUNNING, "inside its own body a generator must be "
                  "GEN_RUNNING, but it was %s (hint: set the state before calling "
                  "the body)", gen_state_name(seen));
    expect_state(g, GEN_SUSPENDED, "back from the probe's yield");
    gen_free(g);
}
END_TEST

/* ---- next, send and return values --------------------------------------- */

START_TEST(test_return_value_travels_in_StopIteration)
{
    struct gen *g = NEW_GEN(count_new(0, NULL));
    struct co_value out;
    struct co_exc exc;
    int r = gen_next(g, &out, &exc);

    expect_stopped(step_of(r, co_none(), &exc), co_int(0), "count(0) returns 0 at once");
    gen_free(g);
}
END_TEST

static enum gen_step plain_end_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_str("only"));
    GEN_END(g);
}

START_TEST(test_falling_off_the_end_returns_none)
{
    struct gen *g = NEW_GEN(gen_new("plain", plain_end_body, 0));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("only"), "next() #1");
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_none(), "falling off the end of the body");
    gen_free(g);
}
END_TEST

START_TEST(test_send_delivers_the_value_of_the_paused_yield)
{
    struct gen *g = NEW_GEN(gen_new("my_coro", my_coro_body, sizeof(struct my_coro_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("foo"), "my_coro: next()");
    r = gen_send(g, co_int(1), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("bar"), "my_coro: send(1)");
    r = gen_send(g, co_int(2), &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_int(3), "my_coro: send(2) returns x + y = 1 + 2");
    gen_free(g);
}
END_TEST

START_TEST(test_send_none_to_a_created_generator_starts_it)
{
    struct gen *g = NEW_GEN(count_new(5, NULL));
    struct co_value out;
    struct co_exc exc;
    int r = gen_send(g, co_none(), &out, &exc);

    expect_yielded(step_of(r, out, &exc), co_int(0), "send(None) on a new generator (same as next())");
    gen_free(g);
}
END_TEST

START_TEST(test_send_value_to_a_created_generator_is_TypeError)
{
    int entered = 0;
    struct gen *g = NEW_GEN(count_new(5, &entered));
    struct co_value out = co_str("untouched");
    struct co_exc exc = { 0 };
    int r = gen_send(g, co_int(42), &out, &exc);

    ck_assert_msg(r == CO_EINVAL, "send(42) to a just-started generator: expected "
                  "CO_EINVAL, got %s", gen_outcome_name(r));
    ck_assert_exc(&exc, CO_TYPE_ERROR, "send(42) to a just-started generator");
    ck_assert_msg(entered == 0, "the refused send must not run the body");
    expect_state(g, GEN_CREATED, "after a refused send");
    ck_assert_value(out, co_str("untouched"), "*out after a refused send");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "next() after the refused send");
    gen_free(g);
}
END_TEST

START_TEST(test_resuming_a_running_generator_is_ValueError)
{
    struct gen *g = NEW_GEN(gen_new("reenter", reenter_body, sizeof(struct reenter_frame)));
    struct reenter_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc;
    int r = gen_next(g, &out, &exc);

    expect_yielded(step_of(r, out, &exc), co_int(CO_ESTATE),
                   "a body calling next() on its own generator gets CO_ESTATE");
    ck_assert_exc(&f->exc, CO_VALUE_ERROR, "next() of a running generator");
    ck_assert_msg(strstr(f->exc.msg, "already executing") != NULL,
                  "the ValueError should say \"generator already executing\", "
                  "it says \"%s\"", f->exc.msg);
    gen_free(g);
}
END_TEST

START_TEST(test_resuming_a_closed_generator_fails_with_EDONE)
{
    struct gen *g = NEW_GEN(count_new(0, NULL));
    struct co_value out = co_str("untouched");
    struct co_exc exc;
    int r = gen_next(g, &out, &exc);

    expect_stopped(step_of(r, co_none(), &exc), co_int(0), "count(0) finishes at once");
    for (int k = 0; k < 2; k++) {
        exc = exc_of(CO_EXC_NONE);
        r = gen_send(g, co_none(), &out, &exc);
        ck_assert_msg(r == CO_EDONE, "next() on a closed generator (try %d): "
                      "expected CO_EDONE, got %s", k + 1, gen_outcome_name(r));
        ck_assert_exc(&exc, CO_STOP_ITERATION, "next() on a closed generator");
        ck_assert_value(exc.value, co_none(),
                        "the StopIteration of an exhausted generator has no value; its value");
    }
    ck_assert_value(out, co_str("untouched"), "*out after refused calls");
    gen_free(g);
}
END_TEST

START_TEST(test_an_exception_escaping_the_body_closes_it)
{
    struct gen *g = NEW_GEN(gen_new("raiser", raiser_body, 0));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "next() #1 of raiser");
    r = gen_next(g, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_VALUE_ERROR, "next() #2 of raiser, which raises");
    ck_assert_msg(strcmp(exc.msg, "boom") == 0, "the message must survive: "
                  "expected \"boom\", got \"%s\"", exc.msg);
    expect_state(g, GEN_CLOSED, "after an exception escaped");
    r = gen_next(g, &out, &exc);
    ck_assert_msg(r == CO_EDONE, "next() after the escape: expected CO_EDONE, got %s",
                  gen_outcome_name(r));
    gen_free(g);
}
END_TEST

START_TEST(test_StopIteration_raised_by_the_body_becomes_RuntimeError)
{
    struct gen *g = NEW_GEN(gen_new("stopper", stopper_body, 0));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "next() #1 of stopper");
    r = gen_next(g, &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_RUNTIME_ERROR,
                  "a body raising StopIteration itself (PEP 479: it would look "
                  "like a normal end and hide the bug)");
    expect_caused_by(&exc, CO_STOP_ITERATION, co_none(),
                     "a body raising StopIteration itself (PEP 479)");
    expect_state(g, GEN_CLOSED, "after PEP 479's RuntimeError");
    gen_free(g);
}
END_TEST

START_TEST(test_null_arguments_are_EINVAL)
{
    struct gen *g = NEW_GEN(count_new(2, NULL));
    struct co_value out;
    struct co_exc exc;
    int r;

    /* (The NULL checks of throw and close are tested with their steps.) */
    ck_assert_err(gen_send(NULL, co_none(), &out, &exc), CO_EINVAL);
    ck_assert_err(gen_send(g, co_none(), NULL, &exc), CO_EINVAL);
    ck_assert_err(gen_send(g, co_none(), &out, NULL), CO_EINVAL);
    ck_assert_err(gen_next(NULL, &out, &exc), CO_EINVAL);
    ck_assert_msg(gen_new("x", NULL, 0) == NULL, "gen_new with a NULL body must return NULL");
    expect_state(g, GEN_CREATED, "after only refused calls");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "next() after the refused calls");
    gen_free(g);
}
END_TEST

/* ---- frames and memory ---------------------------------------------------- */

START_TEST(test_each_frame_survives_across_yields_independently)
{
    struct gen *a = NEW_GEN(gen_new("acc", acc_body, sizeof(struct acc_frame)));
    struct gen *b = NEW_GEN(gen_new("acc", acc_body, sizeof(struct acc_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(a, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "acc a: next()");
    r = gen_next(b, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "acc b: next()");
    for (int k = 1; k <= 10; k++) {
        r = gen_send(a, co_int(k), &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(k * (k + 1) / 2), "acc a: running total");
        r = gen_send(b, co_int(100), &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(100LL * k), "acc b: running total");
    }
    ck_assert_str_eq(((struct acc_frame *)gen_frame(a))->text, "bcdefghijk");
    gen_free(a);
    gen_free(b);
}
END_TEST

START_TEST(test_one_million_resumes_allocate_nothing_and_leak_nothing)
{
    const long long n = 1000000;
    struct gen *g = NEW_GEN(count_new(n, NULL));
    struct co_value out;
    struct co_exc exc;
    size_t before;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "count(1000000): next() #1");
    before = heap_in_use();
    for (long long k = 1; k < n; k++) {
        r = gen_next(g, &out, &exc);
        if (r != GEN_YIELDED || out.kind != CO_INT || out.as.i != k)
            expect_yielded(step_of(r, out, &exc), co_int(k), "count(1000000): a later next()");
    }
    ck_assert_msg(heap_in_use() == before, "999,999 resumes changed the heap in use "
                  "from %zu to %zu bytes: a resume must not allocate (or must free "
                  "what it allocates)", before, heap_in_use());
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_int(n * 10), "count(1000000): the last next()");
    gen_free(g);
}
END_TEST

/* Make and free n generators, each left in another state. */
static void churn(int n)
{
    struct co_value out;
    struct co_exc exc;

    for (int k = 0; k < n; k++) {
        struct gen *g = NEW_GEN(count_new(3, NULL));
        for (int steps = 0; steps < k % 5; steps++)   /* created ... closed */
            gen_next(g, &out, &exc);
        ck_assert_err(gen_free(g), CO_OK);
    }
}

START_TEST(test_freeing_generators_in_every_state_returns_all_memory)
{
    struct co_value out;
    struct co_exc exc;
    size_t before;

    churn(10);                  /* the test framework's own first allocations */
    before = heap_in_use();
    churn(1000);
    ck_assert_msg(heap_in_use() == before, "1000 generators made and freed in every "
                  "state: heap in use went from %zu to %zu bytes (hint: gen_free "
                  "must free the generator and its frame)", before, heap_in_use());
    /* and the protocol really ran: */
    {
        struct gen *g = NEW_GEN(count_new(1, NULL));
        int r = gen_next(g, &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(0), "count(1): next()");
        gen_free(g);
    }
}
END_TEST

START_TEST(test_gen_check_holds_at_every_step)
{
    struct gen *g = NEW_GEN(count_new(2, NULL));
    struct co_value out;
    struct co_exc exc;
    int r;

    expect_gen_check(g, "a new generator");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "next() #1");
    expect_gen_check(g, "a suspended generator (resume_point must be set, thrown cleared)");
    ck_assert_msg(g->resume_point != 0, "a suspended generator must remember "
                  "where it stopped (resume_point != 0)");
    r = gen_next(g, &out, &exc);
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_int(20), "count(2) ends");
    expect_gen_check(g, "a closed generator");
    gen_free(g);
}
END_TEST

Suite *make_protocol_suite(void)
{
    Suite *s = suite_create("protocol");
    TCase *states = tcase_create("states");
    TCase *resume = tcase_create("next and send");
    TCase *misuse = tcase_create("misuse");
    TCase *memory = tcase_create("frames and memory");

    tcase_set_timeout(states, LAB01_TIMEOUT);
    tcase_add_test(states, test_new_generator_is_created_and_its_body_has_not_run);
    tcase_add_test(states, test_states_go_created_suspended_closed);
    tcase_add_test(states, test_generator_is_running_while_its_body_executes);
    tcase_add_test(states, test_gen_check_holds_at_every_step);
    suite_add_tcase(s, states);

    tcase_set_timeout(resume, LAB01_TIMEOUT);
    tcase_add_test(resume, test_return_value_travels_in_StopIteration);
    tcase_add_test(resume, test_falling_off_the_end_returns_none);
    tcase_add_test(resume, test_send_delivers_the_value_of_the_paused_yield);
    tcase_add_test(resume, test_send_none_to_a_created_generator_starts_it);
    tcase_add_test(resume, test_an_exception_escaping_the_body_closes_it);
    tcase_add_test(resume, test_StopIteration_raised_by_the_body_becomes_RuntimeError);
    suite_add_tcase(s, resume);

    tcase_set_timeout(misuse, LAB01_TIMEOUT);
    tcase_add_test(misuse, test_send_value_to_a_created_generator_is_TypeError);
    tcase_add_test(misuse, test_resuming_a_running_generator_is_ValueError);
    tcase_add_test(misuse, test_resuming_a_closed_generator_fails_with_EDONE);
    tcase_add_test(misuse, test_null_arguments_are_EINVAL);
    suite_add_tcase(s, misuse);

    tcase_set_timeout(memory, 4 * LAB01_TIMEOUT);   /* valgrind is slow */
    tcase_add_test(memory, test_each_frame_survives_across_yields_independently);
    tcase_add_test(memory, test_one_million_resumes_allocate_nothing_and_leak_nothing);
    tcase_add_test(memory, test_freeing_generators_in_every_state_returns_all_memory);
    suite_add_tcase(s, memory);
    return s;
}
