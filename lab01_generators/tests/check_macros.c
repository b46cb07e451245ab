/* Step 3: bodies written with the macros: fibo_new, lifecycle_new, and
 * the macros' ground rules (loops, many yields, returns from a loop). */
#include "lab01_tests.h"

#include <stdio.h>
#include <string.h>

START_TEST(test_fibo_new_yields_the_seed_sequence_then_stops)
{
    static const long long want[] = { 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89 };
    struct gen *g = NEW_GEN(fibo_new(100));
    struct co_value out;
    struct co_exc exc;
    char what[64];
    int r;

    for (unsigned k = 0; k < sizeof want / sizeof want[0]; k++) {
        snprintf(what, sizeof what, "fibo(100), next() #%u", k + 1);
        r = gen_next(g, &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(want[k]), what);
    }
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_none(), "fibo(100) after 89 (it returns None)");
    gen_free(g);
}
END_TEST

START_TEST(test_fibo_new_generators_are_independent)
{
    struct gen *a = NEW_GEN(fibo_new(1000));
    struct gen *b = NEW_GEN(fibo_new(1000));
    struct co_value out;
    struct co_exc exc;
    int r;

    for (int k = 0; k < 6; k++)
        gen_next(a, &out, &exc);                    /* a: 1 1 2 3 5 8 */
    r = gen_next(b, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(1), "a second fibo's first next() "
                   "(hint: its locals must live in its own frame)");
    r = gen_next(a, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(13), "the first fibo's 7th next()");
    gen_free(a);
    gen_free(b);
}
END_TEST

START_TEST(test_lifecycle_yields_what_is_sent_to_it)
{
    struct gen *g = NEW_GEN(lifecycle_new(co_str("started")));
    struct lifecycle_frame *f = gen_frame(g);
    struct co_value out;
    struct co_exc exc;
    int r;

    expect_state(g, GEN_CREATED, "g = generator()");
    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("started"), "next(g)");
    expect_state(g, GEN_SUSPENDED, "after next(g)");
    r = gen_send(g, co_str("Hello Generator"), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_str("Hello Generator"), "g.send('Hello Generator')");
    r = gen_send(g, co_int(7), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(7), "g.send(7)");
    ck_assert_msg(f->overs == 0, "nothing was thrown in, yet frame->overs is %d", f->overs);
    gen_free(g);
}
END_TEST

/* Nested loops: yields i * 10 + j for i < 3, j < i. */
struct grid_frame {
    int i, j;
};

static enum gen_step grid_body(struct gen *g, void *frame)
{
    struct grid_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < 3; f->i++)
        for (f->j = 0; f->j < f->i; f->j++)
            GEN_YIELD(g, co_int(f->i * 10 + f->j));
    GEN_END(g);
}

START_TEST(test_yield_inside_nested_loops_resumes_the_inner_loop)
{
    static const int want[] = { 10, 20, 21 };
    struct gen *g = NEW_GEN(gen_new("grid", grid_body, sizeof(struct grid_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    for (int k = 0; k < 3; k++) {
        r = gen_next(g, &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(want[k]), "grid: nested-loop yield");
    }
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_none(), "grid after its last value");
    gen_free(g);
}
END_TEST

/* Five yields on five lines, then a return: the line number is the
 * resume point, so each must resume after its own yield. */
static enum gen_step steps_body(struct gen *g, void *frame)
{
    (void)frame;
    GEN_BEGIN(g);
    GEN_YIELD(g, co_str("one"));
    GEN_YIELD(g, co_str("two"));
    GEN_YIELD(g, co_str("three"));
    GEN_YIELD(g, co_float(4.5));
    GEN_YIELD(g, co_none());
    GEN_RETURN(g, co_str("end"));
    GEN_END(g);
}

START_TEST(test_many_yields_in_one_body_resume_in_order)
{
    struct gen *g = NEW_GEN(gen_new("steps", steps_body, 0));
    struct co_value want[] = { co_str("one"), co_str("two"), co_str("three"),
                               co_float(4.5), co_none() };
    struct co_value out;
    struct co_exc exc;
    int r;

    for (int k = 0; k < 5; k++) {
        r = gen_next(g, &out, &exc);
        expect_yielded(step_of(r, out, &exc), want[k], "steps: yield after yield");
    }
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_str("end"), "steps: the return after five yields");
    gen_free(g);
}
END_TEST

/* Returns from inside a loop when sent a negative number, with the sum. */
struct summer_frame {
    long long sum;
    struct co_value got;
};

static enum gen_step summer_body(struct gen *g, void *frame)
{
    struct summer_frame *f = frame;

    GEN_BEGIN(g);
    for (;;) {
        GEN_YIELD(g, co_int(f->sum));
        f->got = gen_sent(g);
        if (f->got.kind != CO_INT)
            GEN_RAISE(g, CO_TYPE_ERROR, "expected an int, got %s", co_kind_name(f->got.kind));
        if (f->got.as.i < 0)
            GEN_RETURN(g, co_int(f->sum));
        f->sum += f->got.as.i;
    }
    GEN_END(g);
}

START_TEST(test_return_from_inside_a_loop_ends_the_generator)
{
    struct gen *g = NEW_GEN(gen_new("summer", summer_body, sizeof(struct summer_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "summer: next()");
    r = gen_send(g, co_int(4), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(4), "summer: send(4)");
    r = gen_send(g, co_int(6), &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(10), "summer: send(6)");
    r = gen_send(g, co_int(-1), &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_int(10), "summer: send(-1) returns the sum");
    gen_free(g);
}
END_TEST

START_TEST(test_raise_with_a_message_reaches_the_caller)
{
    struct gen *g = NEW_GEN(gen_new("summer", summer_body, sizeof(struct summer_frame)));
    struct co_value out;
    struct co_exc exc;
    int r;

    r = gen_next(g, &out, &exc);
    expect_yielded(step_of(r, out, &exc), co_int(0), "summer: next()");
    r = gen_send(g, co_str("x"), &out, &exc);
    expect_raised(step_of(r, co_none(), &exc), CO_TYPE_ERROR, "summer: send('x')");
    ck_assert_msg(strcmp(exc.msg, "expected an int, got str") == 0,
                  "the raised message: expected \"expected an int, got str\", got \"%s\"",
                  exc.msg);
    gen_free(g);
}
END_TEST

START_TEST(test_fibo_new_stops_before_a_bound_that_is_a_Fibonacci_number)
{
    static const long long want[] = { 1, 1, 2, 3, 5 };
    struct gen *g = NEW_GEN(fibo_new(8));
    struct co_value out;
    struct co_exc exc;
    char what[64];
    int r;

    for (unsigned k = 0; k < sizeof want / sizeof want[0]; k++) {
        snprintf(what, sizeof what, "fibo(8), next() #%u", k + 1);
        r = gen_next(g, &out, &exc);
        expect_yielded(step_of(r, out, &exc), co_int(want[k]), what);
    }
    r = gen_next(g, &out, &exc);
    expect_stopped(step_of(r, co_none(), &exc), co_none(), "fibo(8) after 5: the seed loops `while b < n`, "
                   "so 8 itself is not below the bound and is never yielded");
    gen_free(g);
}
END_TEST

Suite *make_macros_suite(void)
{
    Suite *s = suite_create("macros");
    TCase *seed = tcase_create("seed generators");
    TCase *rules = tcase_create("ground rules");

    tcase_set_timeout(seed, LAB01_TIMEOUT);
    tcase_add_test(seed, test_fibo_new_yields_the_seed_sequence_then_stops);
    tcase_add_test(seed, test_fibo_new_generators_are_independent);
    tcase_add_test(seed, test_lifecycle_yields_what_is_sent_to_it);
    suite_add_tcase(s, seed);

    tcase_set_timeout(rules, LAB01_TIMEOUT);
    tcase_add_test(rules, test_yield_inside_nested_loops_resumes_the_inner_loop);
    tcase_add_test(rules, test_many_yields_in_one_body_resume_in_order);
    tcase_add_test(rules, test_return_from_inside_a_loop_ends_the_generator);
    tcase_add_test(rules, test_raise_with_a_message_reaches_the_caller);
    tcase_add_test(seed, test_fibo_new_stops_before_a_bound_that_is_a_Fibonacci_number);
    suite_add_tcase(s, rules);
    return s;
}
