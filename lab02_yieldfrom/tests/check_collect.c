/* Step 1: yf_collect, called directly: how one resume of the subgenerator
 * turns into the next step of the delegation.  And the refusals of all
 * three yf_* functions. */
#include "lab02_tests.h"

#include <string.h>

/* A delegating generator that never runs here: the tests hand it a
 * subgenerator themselves, as yf_start would. */
static struct gen *host_new(void)
{
    return NEW_GEN(outer_of(NULL, false, NULL));
}

/* host with sub as its delegate, sub having just been resumed (st). */
static int collect(struct gen *host, struct gen *sub, struct step st,
                   struct co_value *result)
{
    host->delegate = sub;
    return yf_collect(host, st.r, st.out, &st.exc, result);
}

START_TEST(test_collect_of_a_yield_passes_the_value_out_and_keeps_the_delegate)
{
    struct sub_script s = { .first = 5, .n = 2 };
    struct gen *host = host_new();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st = step_next(sub);

    expect_yf(collect(host, sub, st, &result), YF_YIELDED,
              "yf_collect after the subgenerator yielded 5");
    ck_assert_value(host->value, co_int(5),
                    "g->value after yf_collect of a yield (what g will yield)");
    expect_delegate(host, sub, "after a yield, the delegation goes on");
    ck_assert_value(result, co_str("untouched"), "*result after a yield");
    gen_free(host);
}
END_TEST

START_TEST(test_collect_of_StopIteration_gives_the_result_and_frees_the_delegate)
{
    struct sub_script s = { .n = 0, .ret = co_str("sub's result") };
    struct gen *host = host_new();
    size_t before = heap_in_use_warm();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_none();
    struct step st = step_next(sub);

    expect_yf(collect(host, sub, st, &result), YF_RETURNED,
              "yf_collect after the subgenerator returned");
    ck_assert_value(result, co_str("sub's result"),
                    "*result (the value of the delegation is StopIteration's value)");
    expect_delegate(host, NULL, "after the subgenerator returned");
    expect_heap_back(before, "the finished subgenerator must be freed");
    gen_free(host);
}
END_TEST

START_TEST(test_collect_of_an_exception_puts_it_in_g_and_frees_the_delegate)
{
    struct sub_script s = { .n = 0, .raises = CO_VALUE_ERROR };
    struct gen *host = host_new();
    size_t before = heap_in_use_warm();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st = step_next(sub);

    expect_yf(collect(host, sub, st, &result), YF_RAISED,
              "yf_collect after the subgenerator raised ValueError");
    ck_assert_exc(&host->exc, CO_VALUE_ERROR, "g->exc (raised at the delegation point)");
    ck_assert_msg(strcmp(host->exc.msg, "raised by sub") == 0, "the exception must "
                  "arrive whole: message \"raised by sub\", got \"%s\"", host->exc.msg);
    ck_assert_value(result, co_str("untouched"), "*result after a raise");
    expect_delegate(host, NULL, "after the subgenerator raised");
    expect_heap_back(before, "the subgenerator that raised must be freed");
    gen_free(host);
}
END_TEST

START_TEST(test_collect_treats_a_refused_resume_as_the_exception_Python_raises)
{
    struct sub_script s = { .n = 0, .ret = co_int(7) };
    struct gen *host = host_new();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st;

    step_next(sub);                          /* exhausted: StopIteration(7) */
    st = step_next(sub);                     /* refused: CO_EDONE, StopIteration() */
    expect_yf(collect(host, sub, st, &result), YF_RETURNED,
              "yf_collect after next() of an exhausted generator (CO_EDONE)");
    ck_assert_value(result, co_none(), "the result of delegating to an exhausted "
                    "generator (its StopIteration has no value)");

    sub = NEW_GEN(sub_new(&s));
    step_next(sub);
    st = step_throw(sub, CO_KEY_ERROR);      /* refused: CO_EDONE, the KeyError itself */
    expect_yf(collect(host, sub, st, &result), YF_RAISED,
              "yf_collect after a throw into an exhausted generator (CO_EDONE)");
    ck_assert_exc(&host->exc, CO_KEY_ERROR, "g->exc after a refused throw");
    expect_delegate(host, NULL, "after a refused resume");
    gen_free(host);
}
END_TEST

START_TEST(test_yf_collect_refuses_misuse_and_changes_nothing)
{
    struct sub_script s = { .n = 1 };
    struct gen *host = host_new();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st = step_next(sub);

    expect_yf(yf_collect(NULL, st.r, st.out, &st.exc, &result), CO_EINVAL,
              "yf_collect(NULL, ...)");
    expect_yf(yf_collect(host, st.r, st.out, &st.exc, &result), CO_ESTATE,
              "yf_collect of a generator with no delegate");
    expect_delegate(host, NULL, "after the refused yf_collect");
    ck_assert_value(result, co_str("untouched"), "*result after refused calls");
    gen_free(sub);                           /* not taken: still the test's */
    gen_free(host);
}
END_TEST

START_TEST(test_yf_start_refuses_misuse_and_changes_nothing)
{
    struct sub_script s = { .n = 1 };
    struct gen *host = host_new();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *other = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st = step_next(sub);

    ck_assert_int_eq(st.r, GEN_YIELDED);
    expect_yf(yf_start(NULL, other, &result), CO_EINVAL, "yf_start(NULL, sub, &r)");
    expect_yf(yf_start(host, other, NULL), CO_EINVAL, "yf_start(g, sub, NULL)");
    host->delegate = sub;
    expect_yf(yf_start(host, other, &result), CO_ESTATE,
              "yf_start of a generator that already delegates");
    expect_delegate(host, sub, "after the refused yf_start");
    expect_state(other, GEN_CREATED, "a subgenerator a refused yf_start was given");
    ck_assert_value(result, co_str("untouched"), "*result after refused calls");
    gen_free(other);                         /* not taken: still the test's */
    gen_free(host);
}
END_TEST

START_TEST(test_yf_resume_refuses_misuse_and_changes_nothing)
{
    struct gen *host = host_new();
    struct co_value result = co_str("untouched");

    expect_yf(yf_resume(NULL, &result), CO_EINVAL, "yf_resume(NULL, &r)");
    expect_yf(yf_resume(host, &result), CO_ESTATE,
              "yf_resume of a generator with no delegate");
    expect_delegate(host, NULL, "after the refused yf_resume");
    ck_assert_value(result, co_str("untouched"), "*result after refused calls");
    gen_free(host);
}
END_TEST

/* Added for the mutation check (make mutate): each pointer refused on its own. */
START_TEST(test_yf_collect_refuses_a_NULL_exc_or_result_with_EINVAL)
{
    struct sub_script s = { .n = 1 };
    struct gen *host = host_new();
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct co_value result = co_str("untouched");
    struct step st = step_next(sub);

    host->delegate = sub;
    expect_yf(yf_collect(host, st.r, st.out, &st.exc, NULL), CO_EINVAL,
              "yf_collect(g, r, out, &exc, NULL): result is NULL");
    expect_yf(yf_collect(host, st.r, st.out, NULL, &result), CO_EINVAL,
              "yf_collect(g, r, out, NULL, &result): exc is NULL");
    expect_delegate(host, sub, "after the refused yf_collect calls");
    gen_free(host);
}
END_TEST

Suite *make_collect_suite(void)
{
    Suite *s = suite_create("collect");
    TCase *outcomes = tcase_create("outcomes");
    TCase *misuse = tcase_create("misuse");

    tcase_set_timeout(outcomes, LAB02_TIMEOUT);
    tcase_add_test(outcomes, test_collect_of_a_yield_passes_the_value_out_and_keeps_the_delegate);
    tcase_add_test(outcomes, test_collect_of_StopIteration_gives_the_result_and_frees_the_delegate);
    tcase_add_test(outcomes, test_collect_of_an_exception_puts_it_in_g_and_frees_the_delegate);
    tcase_add_test(outcomes, test_collect_treats_a_refused_resume_as_the_exception_Python_raises);
    suite_add_tcase(s, outcomes);

    tcase_set_timeout(misuse, LAB02_TIMEOUT);
    tcase_add_test(misuse, test_yf_collect_refuses_misuse_and_changes_nothing);
    tcase_add_test(misuse, test_yf_collect_refuses_a_NULL_exc_or_result_with_EINVAL);
    tcase_add_test(misuse, test_yf_start_refuses_misuse_and_changes_nothing);
    tcase_add_test(misuse, test_yf_resume_refuses_misuse_and_changes_nothing);
    suite_add_tcase(s, misuse);
    return s;
}
