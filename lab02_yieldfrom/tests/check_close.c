/* Step 5: GeneratorExit.  Closing (or throwing GeneratorExit into) a
 * delegating generator closes its subgenerator first, then raises
 * GeneratorExit in the delegator, or what closing the subgenerator raised. */
#include "lab02_tests.h"

#include <string.h>

START_TEST(test_close_of_the_delegator_closes_the_subgenerator_first)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_outcome(gen_close(outer, NULL), CO_OK, "outer.close() while it delegates");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit outer caught "
                 "GeneratorExit", "sub is closed first, then GeneratorExit is raised "
                 "where outer delegates");
    expect_state(outer, GEN_CLOSED, "outer, after close()");
    expect_delegate(outer, NULL, "after close() ended the delegation");
    gen_free(outer);
}
END_TEST

START_TEST(test_thrown_GeneratorExit_closes_the_subgenerator_then_is_raised_in_the_delegator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_raise(step_throw(outer, CO_GENERATOR_EXIT), CO_GENERATOR_EXIT,
                 "outer.throw(GeneratorExit) while it delegates");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit outer caught "
                 "GeneratorExit", "a thrown GeneratorExit closes sub, then reaches outer");
    expect_state(outer, GEN_CLOSED, "outer, after GeneratorExit escaped it");
    gen_free(outer);
}
END_TEST

START_TEST(test_subgenerator_returning_on_GeneratorExit_still_ends_the_delegator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .on_exit = SUB_RETURNS, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_outcome(gen_close(outer, NULL), CO_OK,
                   "outer.close() while sub answers GeneratorExit by returning 'early'");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit outer caught "
                 "GeneratorExit", "the GeneratorExit is closed into sub (gen_close), "
                 "never thrown: sub's return is not a result for outer, and "
                 "GeneratorExit is raised in outer all the same");
    expect_state(outer, GEN_CLOSED, "outer, after close()");
    gen_free(outer);
}
END_TEST

START_TEST(test_exception_raised_while_closing_the_subgenerator_replaces_GeneratorExit)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .on_exit = SUB_RAISES_KEY_ERROR,
                            .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    struct co_exc why = { 0 };

    expect_first(outer, &s);
    expect_outcome(gen_close(outer, &why), GEN_RAISED,
                   "outer.close() while sub raises KeyError on GeneratorExit");
    ck_assert_exc(&why, CO_KEY_ERROR, "what outer.close() raised");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit",
                 "closing outer closes sub, whose KeyError then escapes outer");
    expect_state(outer, GEN_CLOSED, "outer, after the KeyError escaped it");
    gen_free(outer);
}
END_TEST

START_TEST(test_subgenerator_ignoring_GeneratorExit_gives_RuntimeError_in_the_delegator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 2, .on_exit = SUB_GOES_ON, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));
    struct co_exc why = { 0 };

    expect_first(outer, &s);
    /* outer catches the RuntimeError and yields: close() reports that too. */
    expect_outcome(gen_close(outer, &why), GEN_RAISED,
                   "outer.close() while sub ignores GeneratorExit");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit sub caught "
                 "GeneratorExit outer caught RuntimeError outer got 'caught'",
                 "closing sub raised RuntimeError (\"generator ignored GeneratorExit\"), "
                 "raised in outer in place of GeneratorExit; freeing sub closed it "
                 "once more (as Python's garbage collector does), and it returned");
    ck_assert_exc(&why, CO_RUNTIME_ERROR, "what outer.close() raised (outer yielded)");
    expect_delegate(outer, NULL, "after close() ended the delegation");
    ck_assert_err(gen_free(outer), CO_OK);
}
END_TEST

START_TEST(test_freeing_a_delegating_generator_closes_and_frees_its_subgenerator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    size_t before = heap_in_use_warm();
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_first(outer, &s);
    ck_assert_err(gen_free(outer), CO_OK);
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit",
                 "gen_free of a suspended outer closes it, which closes sub");
    expect_heap(before, "outer and its subgenerator, freed while delegating");
}
END_TEST

START_TEST(test_thrown_subclass_of_GeneratorExit_closes_the_subgenerator)
{
    enum co_exc_kind my_exit = co_exc_kind_new("MyExit", CO_GENERATOR_EXIT);
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));
    struct co_exc thrown = co_exc_make(my_exit, "mine"), exc;
    struct co_value out;
    int r;

    ck_assert_msg(my_exit != CO_EXC_NONE, "co_exc_kind_new(\"MyExit\", GeneratorExit) failed");
    expect_first(outer, &s);
    r = gen_throw(outer, &thrown, &out, &exc);
    ck_assert_msg(r == GEN_RAISED && exc.kind == my_exit, "outer.throw(MyExit) while it "
                  "delegates (class MyExit(GeneratorExit)): expected MyExit to come out, "
                  "got %s%s%s", gen_outcome_name(r), r == GEN_RAISED ? " with " : "",
                  r == GEN_RAISED ? co_exc_kind_name(exc.kind) : "");
    expect_trail(&t, "outer starts sub starts sub caught GeneratorExit outer caught MyExit",
                 "a subclass of GeneratorExit is a GeneratorExit: sub is closed (it sees "
                 "close's own GeneratorExit), then MyExit is raised in outer (hint: "
                 "co_exc_matches(&g->exc, CO_GENERATOR_EXIT), not ==)");
    gen_free(outer);
}
END_TEST

Suite *make_close_suite(void)
{
    Suite *s = suite_create("close");
    TCase *exits = tcase_create("GeneratorExit");
    TCase *frees = tcase_create("free");

    tcase_set_timeout(exits, LAB02_TIMEOUT);
    tcase_add_test(exits, test_close_of_the_delegator_closes_the_subgenerator_first);
    tcase_add_test(exits, test_thrown_GeneratorExit_closes_the_subgenerator_then_is_raised_in_the_delegator);
    tcase_add_test(exits, test_subgenerator_returning_on_GeneratorExit_still_ends_the_delegator);
    tcase_add_test(exits, test_exception_raised_while_closing_the_subgenerator_replaces_GeneratorExit);
    tcase_add_test(exits, test_subgenerator_ignoring_GeneratorExit_gives_RuntimeError_in_the_delegator);
    tcase_add_test(exits, test_thrown_subclass_of_GeneratorExit_closes_the_subgenerator);
    suite_add_tcase(s, exits);

    tcase_set_timeout(frees, LAB02_TIMEOUT);
    tcase_add_test(frees, test_freeing_a_delegating_generator_closes_and_frees_its_subgenerator);
    suite_add_tcase(s, frees);
    return s;
}
