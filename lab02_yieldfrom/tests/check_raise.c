/* Step 4: exceptions.  What the subgenerator raises surfaces at the
 * delegation point (and can be caught there); what is thrown into the
 * delegator is thrown on into the subgenerator. */
#include "lab02_tests.h"

#include <string.h>

/* ---- raised by the subgenerator ------------------------------------------------------ */

START_TEST(test_exception_from_the_subgenerator_surfaces_at_the_delegation_point)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 1, .raises = CO_VALUE_ERROR, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    struct step st;

    expect_first(outer, &s);
    st = step_next(outer);
    expect_raise(st, CO_VALUE_ERROR, "next() of outer when sub raises ValueError");
    ck_assert_msg(strcmp(st.exc.msg, "raised by sub") == 0, "the exception must come "
                  "out whole: message \"raised by sub\", got \"%s\"", st.exc.msg);
    expect_trail(&t, "outer starts sub starts sub got None",
                 "outer's code after the delegation must not run");
    expect_state(outer, GEN_CLOSED, "outer, after the exception escaped it");
    expect_delegate(outer, NULL, "after the delegation ended by a raise");
    gen_free(outer);
}
END_TEST

START_TEST(test_exception_from_the_subgenerator_can_be_caught_at_the_delegation_point)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 1, .raises = CO_VALUE_ERROR, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_yield(step_next(outer), co_str("outer goes on"),
                 "next() of outer (try: yield from sub / except) when sub raises");
    expect_trail(&t, "outer starts sub starts sub got None outer caught ValueError "
                 "outer got 'caught'", "the exception caught where outer delegates");
    expect_return(step_next(outer), co_str("caught"), "outer carries on and returns");
    gen_free(outer);
}
END_TEST

START_TEST(test_StopIteration_raised_inside_the_subgenerator_arrives_as_RuntimeError)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 1, .raises = CO_STOP_ITERATION, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_yield(step_next(outer), co_str("outer goes on"),
                 "next() of outer when sub raises StopIteration itself");
    expect_trail(&t, "outer starts sub starts sub got None outer caught RuntimeError "
                 "outer got 'caught'", "PEP 479: a StopIteration raised in a body is "
                 "a RuntimeError, not a return, also through a delegation");
    gen_free(outer);
}
END_TEST

/* ---- thrown into the delegator ----------------------------------------------------------- */

START_TEST(test_throw_is_forwarded_to_the_subgenerator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .on_throw = SUB_GOES_ON, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_yield(step_throw(outer, CO_KEY_ERROR), co_int(2),
                 "outer.throw(KeyError) while sub (which catches it) delegates");
    expect_trail(&t, "outer starts sub starts sub caught KeyError",
                 "the exception is thrown into sub, where outer is paused");
    expect_yield(step_next(outer), co_int(3), "next(outer) after the throw");
    ck_assert_msg(outer->delegate != NULL, "sub handled the throw, so the delegation "
                  "goes on: outer->delegate must still be sub");
    gen_free(outer);
}
END_TEST

START_TEST(test_throw_the_subgenerator_lets_escape_can_be_caught_by_the_delegator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_yield(step_throw(outer, CO_KEY_ERROR), co_str("outer goes on"),
                 "outer.throw(KeyError): sub lets it escape, outer catches it");
    expect_trail(&t, "outer starts sub starts sub caught KeyError outer caught KeyError "
                 "outer got 'caught'", "the throw went through sub and came back out");
    expect_delegate(outer, NULL, "after the throw ended the delegation");
    gen_free(outer);
}
END_TEST

START_TEST(test_throw_nobody_catches_comes_back_out_and_closes_both)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    struct step st;

    expect_first(outer, &s);
    st = step_throw(outer, CO_KEY_ERROR);
    expect_raise(st, CO_KEY_ERROR, "outer.throw(KeyError), caught by nobody");
    ck_assert_msg(strcmp(st.exc.msg, "thrown by the test") == 0, "the exception "
                  "thrown in must come back out whole, message \"thrown by the test\", "
                  "got \"%s\"", st.exc.msg);
    expect_trail(&t, "outer starts sub starts sub caught KeyError",
                 "the throw must reach sub first");
    expect_state(outer, GEN_CLOSED, "outer, after the exception escaped");
    expect_delegate(outer, NULL, "after the throw ended the delegation");
    gen_free(outer);
}
END_TEST

START_TEST(test_throw_answered_by_a_return_ends_the_delegation_with_that_value)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .on_throw = SUB_RETURNS, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, true));

    expect_first(outer, &s);
    expect_yield(step_throw(outer, CO_VALUE_ERROR), co_str("outer goes on"),
                 "outer.throw(ValueError): sub answers by returning 'early'");
    expect_trail(&t, "outer starts sub starts sub caught ValueError outer got 'early'",
                 "a return from sub is the delegation's result, also after a throw");
    expect_return(step_next(outer), co_str("early"), "outer returns that result");
    gen_free(outer);
}
END_TEST

START_TEST(test_exception_raised_while_handling_a_throw_replaces_it)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .on_throw = SUB_RAISES_KEY_ERROR,
                            .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_first(outer, &s);
    expect_raise(step_throw(outer, CO_VALUE_ERROR), CO_KEY_ERROR,
                 "outer.throw(ValueError): sub raises KeyError while handling it");
    expect_trail(&t, "outer starts sub starts sub caught ValueError",
                 "the throw reached sub, which raised something else");
    gen_free(outer);
}
END_TEST

/* Python:
 *     def outer():
 *         try:
 *             yield from sub()          # sub raises KeyError while handling ValueError
 *         except KeyError:
 *             raise RuntimeError("outer gave up")
 * outer.throw(ValueError): RuntimeError, whose __context__ is the KeyError,
 * whose __context__ is the ValueError. */
struct giving_up_frame {
    struct co_value r;
    struct co_exc caught;
    const struct sub_script *s;
};

static enum gen_step giving_up_body(struct gen *g, void *frame)
{
    struct giving_up_frame *f = frame;

    GEN_BEGIN(g);
    GEN_TRY_YIELD_FROM(g, sub_new(f->s), f->r, f->caught);
    if (co_exc_matches(&f->caught, CO_KEY_ERROR))
        GEN_RAISE(g, CO_RUNTIME_ERROR, "outer gave up");
    GEN_END(g);
}

START_TEST(test_context_is_kept_at_the_delegation_point)
{
    struct sub_script s = { .first = 1, .n = 3, .on_throw = SUB_RAISES_KEY_ERROR };
    struct gen *outer = NEW_GEN(gen_new("outer", giving_up_body,
                                        sizeof(struct giving_up_frame)));
    const struct co_exc *key;
    struct step st;

    ((struct giving_up_frame *)gen_frame(outer))->s = &s;
    expect_first(outer, &s);
    st = step_throw(outer, CO_VALUE_ERROR);
    expect_raise(st, CO_RUNTIME_ERROR, "outer.throw(ValueError): sub raises KeyError "
                 "while handling it, outer catches that and raises RuntimeError");
    key = st.exc.context;
    ck_assert_msg(key && key->kind == CO_KEY_ERROR, "the RuntimeError was raised while "
                  "outer handled sub's KeyError: its context must be that KeyError, got %s "
                  "(hint: the exception that comes out of a delegation is the "
                  "subgenerator's own, context and all: g->exc = *exc)",
                  key ? co_exc_kind_name(key->kind) : "no context");
    ck_assert_msg(key->context && key->context->kind == CO_VALUE_ERROR,
                  "the KeyError was raised in sub while it handled the ValueError thrown "
                  "in: its context must be that ValueError, got %s (hint: throw the "
                  "exception on into the subgenerator as it is, and pass what comes "
                  "out on whole)",
                  key->context ? co_exc_kind_name(key->context->kind) : "no context");
    gen_free(outer);
}
END_TEST

Suite *make_raise_suite(void)
{
    Suite *s = suite_create("raise");
    TCase *raised = tcase_create("raised by the subgenerator");
    TCase *thrown = tcase_create("thrown in");

    tcase_set_timeout(raised, LAB02_TIMEOUT);
    tcase_add_test(raised, test_exception_from_the_subgenerator_surfaces_at_the_delegation_point);
    tcase_add_test(raised, test_exception_from_the_subgenerator_can_be_caught_at_the_delegation_point);
    tcase_add_test(raised, test_StopIteration_raised_inside_the_subgenerator_arrives_as_RuntimeError);
    suite_add_tcase(s, raised);

    tcase_set_timeout(thrown, LAB02_TIMEOUT);
    tcase_add_test(thrown, test_throw_is_forwarded_to_the_subgenerator);
    tcase_add_test(thrown, test_throw_the_subgenerator_lets_escape_can_be_caught_by_the_delegator);
    tcase_add_test(thrown, test_throw_nobody_catches_comes_back_out_and_closes_both);
    tcase_add_test(thrown, test_throw_answered_by_a_return_ends_the_delegation_with_that_value);
    tcase_add_test(thrown, test_exception_raised_while_handling_a_throw_replaces_it);
    tcase_add_test(thrown, test_context_is_kept_at_the_delegation_point);
    suite_add_tcase(s, thrown);
    return s;
}
