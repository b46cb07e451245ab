/* Step 2: yf_start: taking the subgenerator and priming it, and the
 * subgenerators that end the delegation at once (returned, exhausted,
 * closed, NULL, running). */
#include "lab02_tests.h"

#include <string.h>

/* ---- priming ------------------------------------------------------------------ */

START_TEST(test_yield_from_primes_the_subgenerator_and_yields_its_first_value)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 10, .n = 2, .trail = &t };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, &t));

    expect_yielded(step_next(outer), co_int(10),
                 "next() of outer, whose body starts with `yield from sub` (sub yields 10 first)");
    expect_trail(&t, "outer starts sub starts", "the first next()");
    expect_delegate(outer, sub, "while outer delegates to sub");
    expect_state(sub, GEN_SUSPENDED, "sub, primed up to its first yield");
    free_mid_delegation(outer);
}
END_TEST

START_TEST(test_subgenerator_returning_at_once_gives_its_result_without_a_yield)
{
    struct trail t = { "" };
    struct sub_script s = { .n = 0, .ret = co_str("at once"), .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_yielded(step_next(outer), co_str("outer goes on"),
                 "next() of outer delegating to a sub that returns before any yield");
    expect_trail(&t, "outer starts sub starts outer got 'at once'",
                 "a delegation that ends during priming");
    expect_delegate(outer, NULL, "after the delegation ended");
    expect_stopped(step_next(outer), co_str("at once"), "outer returns its delegation's result");
    gen_free(outer);
}
END_TEST

START_TEST(test_exception_raised_before_the_first_yield_surfaces_at_once)
{
    struct trail t = { "" };
    struct sub_script s = { .n = 0, .raises = CO_VALUE_ERROR, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    struct step st = step_next(outer);

    expect_raised(st, CO_VALUE_ERROR, "next() of outer delegating to a sub that raises at once");
    ck_assert_msg(strcmp(st.exc.msg, "raised by sub") == 0, "the exception must come "
                  "out whole: message \"raised by sub\", got \"%s\"", st.exc.msg);
    expect_trail(&t, "outer starts sub starts", "outer did not catch it");
    expect_state(outer, GEN_CLOSED, "outer, after an exception escaped it");
    expect_delegate(outer, NULL, "after the delegation ended by a raise");
    gen_free(outer);
}
END_TEST

START_TEST(test_delegating_to_a_started_generator_continues_where_it_paused)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, &t));

    expect_yielded(step_next(sub), co_int(1), "next(sub) by the test, before any delegation");
    expect_yielded(step_next(outer), co_int(2), "outer's first next(): `yield from` a "
                 "started generator resumes it (it does not start it again)");
    expect_trail(&t, "sub starts outer starts sub got None",
                 "delegating to a started generator");
    expect_delegate(outer, sub, "while outer delegates to the started sub");
    free_mid_delegation(outer);
}
END_TEST

/* ---- subgenerators that end the delegation at once ---------------------------------- */

START_TEST(test_delegating_to_an_exhausted_generator_gives_None_at_once)
{
    struct trail t = { "" };
    struct sub_script s = { .n = 1, .ret = co_int(7), .trail = &t };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, &t));

    step_next(sub);
    expect_stopped(step_next(sub), co_int(7), "the test exhausts sub (it returns 7)");
    expect_yielded(step_next(outer), co_str("outer goes on"),
                 "next() of outer delegating to an exhausted generator");
    expect_trail(&t, "sub starts sub got None outer starts outer got None",
                 "Python: `yield from` an exhausted generator is None at once "
                 "(its return value was already delivered)");
    expect_delegate(outer, NULL, "after delegating to an exhausted generator");
    gen_free(outer);
}
END_TEST

START_TEST(test_delegating_to_a_generator_closed_before_it_ran_never_runs_it)
{
    int entered = 0;
    struct trail t = { "" };
    struct sub_script s = { .n = 3, .trail = &t, .entered = &entered };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, &t));

    expect_outcome(gen_close(sub, NULL), CO_OK, "the test closes sub before it ran");
    expect_yielded(step_next(outer), co_str("outer goes on"),
                 "next() of outer delegating to a closed generator");
    expect_trail(&t, "outer starts outer got None", "delegating to a closed generator");
    ck_assert_msg(entered == 0, "the closed subgenerator's body ran %d time(s); a "
                  "closed generator never runs again", entered);
    gen_free(outer);
}
END_TEST

START_TEST(test_delegating_to_NULL_raises_TypeError_at_the_delegation_point)
{
    struct trail t = { "" };
    struct gen *plain = NEW_GEN(outer_of(NULL, false, &t));
    struct gen *catching = NEW_GEN(outer_of(NULL, true, &t));

    expect_raised(step_next(plain), CO_TYPE_ERROR,
                 "`yield from NULL` (a gen_new that failed), not caught");
    expect_state(plain, GEN_CLOSED, "outer, after the TypeError escaped");
    expect_yielded(step_next(catching), co_str("outer goes on"),
                 "`yield from NULL` inside try/except");
    expect_trail(&t, "outer starts outer starts outer caught TypeError outer got 'caught'",
                 "the TypeError arrives at the delegation point, where it can be caught");
    gen_free(plain);
    gen_free(catching);
}
END_TEST

/* Delegates to itself (a RUNNING generator), catching what comes out;
 * then yields the kind of what it caught. */
struct narcissus_frame {
    struct co_value result;     /* never set: the delegation cannot start */
    struct co_exc caught;       /* what the refused delegation raised */
};

static enum gen_step narcissus_body(struct gen *g, void *frame)
{
    struct narcissus_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD_FROM(g, g, f->result, f->caught);
    GEN_YIELD(g, co_str(co_exc_kind_name(f->caught.kind)));
    GEN_END(g);
}

START_TEST(test_delegating_to_a_running_generator_raises_ValueError_and_leaves_it_alone)
{
    struct gen *g = NEW_GEN(gen_new("narcissus", narcissus_body,
                                    sizeof(struct narcissus_frame)));
    struct narcissus_frame *f = gen_frame(g);

    expect_yielded(step_next(g), co_str("ValueError"),
                 "a generator delegating to itself (it is RUNNING: Python raises "
                 "ValueError \"generator already executing\"); what it caught");
    ck_assert_msg(strstr(f->caught.msg, "already executing") != NULL,
                  "the ValueError should say \"generator already executing\", it says \"%s\"",
                  f->caught.msg);
    expect_delegate(g, NULL, "a running generator must not be taken as the delegate "
                    "(it belongs to whoever runs it)");
    expect_state(g, GEN_SUSPENDED, "the generator itself, after the refused delegation");
    ck_assert_err(gen_free(g), CO_OK);
}
END_TEST

Suite *make_start_suite(void)
{
    Suite *s = suite_create("start");
    TCase *priming = tcase_create("priming");
    TCase *at_once = tcase_create("ended at once");

    tcase_set_timeout(priming, LAB02_TIMEOUT);
    tcase_add_test(priming, test_yield_from_primes_the_subgenerator_and_yields_its_first_value);
    tcase_add_test(priming, test_subgenerator_returning_at_once_gives_its_result_without_a_yield);
    tcase_add_test(priming, test_exception_raised_before_the_first_yield_surfaces_at_once);
    tcase_add_test(priming, test_delegating_to_a_started_generator_continues_where_it_paused);
    suite_add_tcase(s, priming);

    tcase_set_timeout(at_once, LAB02_TIMEOUT);
    tcase_add_test(at_once, test_delegating_to_an_exhausted_generator_gives_None_at_once);
    tcase_add_test(at_once, test_delegating_to_a_generator_closed_before_it_ran_never_runs_it);
    tcase_add_test(at_once, test_delegating_to_NULL_raises_TypeError_at_the_delegation_point);
    tcase_add_test(at_once, test_delegating_to_a_running_generator_raises_ValueError_and_leaves_it_alone);
    suite_add_tcase(s, at_once);
    return s;
}
