/* Step 3: yf_resume forwards send and next: values go straight out, sent
 * values straight in, the return value becomes the delegation's value; the
 * delegator runs (GEN_RUNNING) while its subgenerator does. */
#include "lab02_tests.h"

#include <stdio.h>

/* ---- values out, values in ---------------------------------------------------------- */

START_TEST(test_yield_from_passes_every_value_of_the_subgenerator_to_the_caller)
{
    struct sub_script s = { .first = 1, .n = 5, .ret = co_int(0) };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    char what[64];

    for (int k = 1; k <= 5; k++) {
        snprintf(what, sizeof what, "outer's next() #%d (sub yields 1..5)", k);
        expect_yielded(step_next(outer), co_int(k), what);
    }
    expect_yielded(step_next(outer), co_str("outer goes on"),
                 "outer's next() #6: sub returned, outer's own code runs");
    gen_free(outer);
}
END_TEST

START_TEST(test_delegator_code_after_the_delegation_waits_for_the_subgenerator_to_return)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 2, .ret = co_int(3), .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_first(outer, &s);
    expect_yielded(step_next(outer), co_int(2), "outer's next() #2");
    expect_trail(&t, "outer starts sub starts sub got None",
                 "while sub yields, outer only passes its values on");
    expect_yielded(step_next(outer), co_str("outer goes on"), "outer's next() #3");
    expect_trail(&t, "outer starts sub starts sub got None sub got None outer got 3",
                 "outer's code after `yield from` runs once sub has returned");
    gen_free(outer);
}
END_TEST

START_TEST(test_send_is_forwarded_to_the_subgenerator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_first(outer, &s);
    expect_yielded(step_send(outer, co_int(10)), co_int(2), "outer.send(10)");
    expect_yielded(step_send(outer, co_str("x")), co_int(3), "outer.send('x')");
    expect_yielded(step_send(outer, co_float(2.5)), co_str("outer goes on"), "outer.send(2.5)");
    expect_trail(&t, "outer starts sub starts sub got 10 sub got 'x' sub got 2.5 outer got None",
                 "each value sent to outer must arrive in sub");
    gen_free(outer);
}
END_TEST

START_TEST(test_send_None_is_next_for_the_subgenerator)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_yielded(step_send(outer, co_none()), co_int(1), "outer.send(None) to start it");
    expect_yielded(step_send(outer, co_none()), co_int(2), "outer.send(None)");
    expect_yielded(step_next(outer), co_int(3), "next(outer)");
    expect_trail(&t, "outer starts sub starts sub got None sub got None",
                 "send(None) and next() are the same thing for sub");
    gen_free(outer);
}
END_TEST

START_TEST(test_return_value_of_the_subgenerator_becomes_the_value_of_the_delegation)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 1, .ret = co_str("sub's result"), .trail = &t };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_first(outer, &s);
    expect_yielded(step_next(outer), co_str("outer goes on"), "outer after sub returned");
    expect_trail(&t, "outer starts sub starts sub got None outer got \"sub's result\"",
                 "`result = yield from sub`: result is what sub returned");
    expect_stopped(step_next(outer), co_str("sub's result"),
                  "outer returns the result of its delegation");
    gen_free(outer);
}
END_TEST

/* ---- ownership and states ------------------------------------------------------------ */

START_TEST(test_delegator_owns_the_subgenerator_until_the_delegation_ends)
{
    struct sub_script s = { .first = 1, .n = 2, .ret = co_int(3) };
    struct gen *outer = NEW_GEN(outer_new(&s, false));
    size_t before = heap_in_use_warm();

    expect_yielded(step_next(outer), co_int(1), "next() #1 of outer (sub made at the delegation)");
    ck_assert_msg(outer->delegate != NULL, "while outer delegates, outer->delegate must "
                  "hold the subgenerator (the delegator owns it)");
    expect_yielded(step_next(outer), co_int(2), "next() #2 of outer");
    expect_yielded(step_next(outer), co_str("outer goes on"), "next() #3: sub returned 3");
    expect_delegate(outer, NULL, "after sub returned");
    expect_heap_back(before, "the subgenerator made at the delegation point, once it returned");
    gen_free(outer);
}
END_TEST

/* What sub sees of outer each time sub's body is entered. */
struct inside_view {
    struct gen *outer;
    int n;                          /* entries seen */
    enum gen_state seen[4];         /* outer's state at each entry */
    int refused[3];                 /* next, close, throw of outer from inside */
    struct co_exc why[3];
};

static void record_outer_state(void *arg)
{
    struct inside_view *v = arg;

    if (v->n < 4)
        v->seen[v->n] = gen_state(v->outer);
    v->n++;
}

static void try_to_resume_outer(void *arg)
{
    struct inside_view *v = arg;
    struct co_exc boom = co_exc_make(CO_KEY_ERROR, NULL);
    struct co_value out;

    if (v->n++ != 1)
        return;                     /* only on the second entry */
    v->refused[0] = gen_next(v->outer, &out, &v->why[0]);
    v->refused[1] = gen_close(v->outer, &v->why[1]);
    v->refused[2] = gen_throw(v->outer, &boom, &out, &v->why[2]);
}

START_TEST(test_delegator_is_running_while_its_subgenerator_runs)
{
    struct inside_view v = { .n = 0 };
    struct sub_script s = { .first = 1, .n = 2, .hook = record_outer_state, .hook_arg = &v };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, NULL));

    v.outer = outer;
    expect_yielded(step_next(outer), co_int(1), "next() #1 of outer");
    expect_yielded(step_send(outer, co_int(5)), co_int(2), "outer.send(5)");
    ck_assert_msg(v.n == 2, "sub's body should have been entered twice, not %d times", v.n);
    for (int k = 0; k < 2; k++)
        ck_assert_msg(v.seen[k] == GEN_RUNNING, "inside sub (entry %d), outer must be "
                      "GEN_RUNNING (it is running the delegation), got %s", k + 1,
                      gen_state_name(v.seen[k]));
    expect_state(outer, GEN_SUSPENDED, "outer, after sub yielded");
    expect_state(sub, GEN_SUSPENDED, "sub, after it yielded");
    gen_free(outer);
}
END_TEST

START_TEST(test_resuming_the_delegator_from_inside_its_subgenerator_is_refused)
{
    struct inside_view v = { .n = 0 };
    struct sub_script s = { .first = 1, .n = 3, .hook = try_to_resume_outer, .hook_arg = &v };
    struct gen *sub = NEW_GEN(sub_new(&s));
    struct gen *outer = NEW_GEN(outer_of(sub, false, NULL));
    static const char *const how[3] = { "next", "close", "throw" };

    v.outer = outer;
    expect_first(outer, &s);
    expect_yielded(step_next(outer), co_int(2), "outer's next() #2, while sub tries to "
                 "resume outer from inside");
    for (int k = 0; k < 3; k++) {
        ck_assert_msg(v.refused[k] == CO_ESTATE, "%s() of outer from inside its "
                      "subgenerator: expected CO_ESTATE (outer is running), got %s",
                      how[k], gen_outcome_name(v.refused[k]));
        ck_assert_exc(&v.why[k], CO_VALUE_ERROR, "resuming a running generator");
    }
    expect_yielded(step_next(outer), co_int(3), "outer's next() #3: the delegation goes on");
    gen_free(outer);
}
END_TEST

START_TEST(test_gen_check_holds_and_delegate_is_set_only_while_delegating)
{
    struct sub_script s = { .first = 1, .n = 1 };
    struct gen *outer = NEW_GEN(outer_new(&s, false));

    expect_delegate(outer, NULL, "a new outer");
    expect_yielded(step_next(outer), co_int(1), "next() #1 of outer");
    expect_gen_check(outer, "outer, while it delegates");
    ck_assert_msg(outer->delegate != NULL, "while outer delegates, outer->delegate "
                  "must be set");
    expect_gen_check(outer->delegate, "outer->delegate, while outer delegates");
    expect_yielded(step_next(outer), co_str("outer goes on"), "next() #2 of outer");
    expect_gen_check(outer, "outer, after its delegation");
    expect_delegate(outer, NULL, "after the delegation ended");
    expect_stopped(step_next(outer), co_none(), "outer returns sub's None");
    expect_gen_check(outer, "outer, once it is closed");
    gen_free(outer);
}
END_TEST

/* ---- delegating again and again ------------------------------------------------------------- */

/* relay(): for k in 0, 1, 2: total += yield from sub(first=10k, n=2, ret=k);
 * return total. */
struct relay_frame {
    struct sub_script s;        /* the script of the k-th sub */
    int k;                      /* which delegation */
    struct co_value result;     /* its result */
    long long total;            /* the sum of the results */
};

static struct gen *relay_sub(struct relay_frame *f)
{
    f->s.first = 10 * f->k;
    f->s.n = 2;
    f->s.ret = co_int(f->k + 1);
    return sub_new(&f->s);
}

static enum gen_step relay_body(struct gen *g, void *frame)
{
    struct relay_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < 3; f->k++) {
        GEN_YIELD_FROM(g, relay_sub(f), f->result);
        f->total += f->result.as.i;
    }
    GEN_RETURN(g, co_int(f->total));
    GEN_END(g);
}

START_TEST(test_one_body_delegates_several_times_in_turn)
{
    static const long long want[] = { 0, 1, 10, 11, 20, 21 };
    struct gen *g = NEW_GEN(gen_new("relay", relay_body, sizeof(struct relay_frame)));
    char what[64];

    for (int k = 0; k < 6; k++) {
        snprintf(what, sizeof what, "relay's next() #%d (three delegations in a loop)", k + 1);
        expect_yielded(step_next(g), co_int(want[k]), what);
    }
    expect_stopped(step_next(g), co_int(1 + 2 + 3),
                  "relay returns the sum of its three delegations' results");
    gen_free(g);
}
END_TEST

Suite *make_send_suite(void)
{
    Suite *s = suite_create("send");
    TCase *values = tcase_create("values");
    TCase *states = tcase_create("ownership and states");

    tcase_set_timeout(values, LAB02_TIMEOUT);
    tcase_add_test(values, test_yield_from_passes_every_value_of_the_subgenerator_to_the_caller);
    tcase_add_test(values, test_delegator_code_after_the_delegation_waits_for_the_subgenerator_to_return);
    tcase_add_test(values, test_send_is_forwarded_to_the_subgenerator);
    tcase_add_test(values, test_send_None_is_next_for_the_subgenerator);
    tcase_add_test(values, test_return_value_of_the_subgenerator_becomes_the_value_of_the_delegation);
    tcase_add_test(values, test_one_body_delegates_several_times_in_turn);
    suite_add_tcase(s, values);

    tcase_set_timeout(states, LAB02_TIMEOUT);
    tcase_add_test(states, test_delegator_owns_the_subgenerator_until_the_delegation_ends);
    tcase_add_test(states, test_delegator_is_running_while_its_subgenerator_runs);
    tcase_add_test(states, test_resuming_the_delegator_from_inside_its_subgenerator_is_refused);
    tcase_add_test(states, test_gen_check_holds_and_delegate_is_set_only_while_delegating);
    suite_add_tcase(s, states);
    return s;
}
