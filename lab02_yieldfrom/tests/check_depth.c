/* Step 6: delegation several levels deep: values, sends, throws and
 * closes pass through every level; what a level costs; and memory, for
 * deep chains and for many delegations. */
#include "lab02_tests.h"

#include <stdio.h>

/* A chain whose leaf yields first, first + 1, ... (n values) and
 * returns 100; no level handles what comes up.  The test may change the
 * leaf before the first resume (the leaf is made then). */
#define CHAIN(t, first_, n_) { .leaf = { .first = (first_), .n = (n_), \
                                         .ret = co_int(100), .trail = (t) }, \
                               .handle_at = -1 }

/* ---- through every level ------------------------------------------------------------------ */

START_TEST(test_values_and_the_result_pass_through_every_level)
{
    struct chain c = CHAIN(NULL, 7, 3);
    struct gen *g = NEW_GEN(chain_new(&c, 10));

    expect_yielded(step_next(g), co_int(7), "next() of a 10-level chain: the leaf's first value");
    expect_yielded(step_next(g), co_int(8), "next() #2 of the 10-level chain");
    expect_yielded(step_next(g), co_int(9), "next() #3 of the 10-level chain");
    expect_stopped(step_next(g), co_int(110), "the leaf returns 100 and each of the 10 "
                  "levels adds 1 to its delegation's result");
    gen_free(g);
}
END_TEST

START_TEST(test_sends_pass_through_every_level)
{
    struct trail t = { "" };
    struct chain c = CHAIN(&t, 1, 3);
    struct gen *g = NEW_GEN(chain_new(&c, 10));

    expect_first(g, &c.leaf);
    expect_yielded(step_send(g, co_str("a")), co_int(2), "send('a') to a 10-level chain");
    expect_yielded(step_send(g, co_int(42)), co_int(3), "send(42) to the 10-level chain");
    expect_trail(&t, "sub starts sub got 'a' sub got 42",
                 "values sent to the outermost level arrive in the leaf");
    gen_free(g);
}
END_TEST

START_TEST(test_throw_passes_through_every_level_to_the_innermost)
{
    struct trail t = { "" };
    struct chain c = CHAIN(&t, 1, 3);
    struct gen *g = NEW_GEN(chain_new(&c, 10));

    c.leaf.on_throw = SUB_GOES_ON;
    expect_first(g, &c.leaf);
    expect_yielded(step_throw(g, CO_KEY_ERROR), co_int(2),
                 "throw(KeyError) into a 10-level chain whose leaf catches it");
    expect_trail(&t, "sub starts sub caught KeyError",
                 "only the leaf sees the exception: no level in between catches it");
    gen_free(g);
}
END_TEST

START_TEST(test_exception_climbs_level_by_level_until_one_handles_it)
{
    struct trail t = { "" };
    struct chain c = CHAIN(&t, 1, 1);
    struct gen *g = NEW_GEN(chain_new(&c, 6));

    c.leaf.raises = CO_VALUE_ERROR;
    c.handle_at = 3;
    expect_first(g, &c.leaf);
    expect_stopped(step_next(g), co_int(3), "6 levels; the leaf raises ValueError, level 3 "
                  "handles it (result 0 + 1), levels 4 and 5 add 1 each");
    expect_trail(&t, "sub starts sub got None L0 caught ValueError L1 caught ValueError "
                 "L2 caught ValueError L3 caught ValueError",
                 "the exception surfaces at each delegation point in turn, innermost first");
    gen_free(g);
}
END_TEST

START_TEST(test_closing_the_outer_closes_every_level_innermost_first)
{
    struct trail t = { "" };
    struct chain c = CHAIN(&t, 1, 3);
    struct gen *g = NEW_GEN(chain_new(&c, 5));

    expect_first(g, &c.leaf);
    expect_outcome(gen_close(g, NULL), CO_OK, "close() of a 5-level chain");
    expect_trail(&t, "sub starts sub caught GeneratorExit L0 caught GeneratorExit "
                 "L1 caught GeneratorExit L2 caught GeneratorExit L3 caught GeneratorExit "
                 "L4 caught GeneratorExit", "each level closes the one below before it "
                 "exits itself");
    expect_state(g, GEN_CLOSED, "the outermost level after close()");
    gen_free(g);
}
END_TEST

/* Records the state of every level of the chain each time the leaf runs. */
struct level_states {
    struct chain *c;
    int depth;
    int bad;                      /* entries that found a level not RUNNING */
    enum gen_state first_bad;
};

static void look_at_every_level(void *arg)
{
    struct level_states *v = arg;

    for (int k = 0; k < v->depth; k++)
        if (gen_state(v->c->levels[k]) != GEN_RUNNING && v->bad++ == 0)
            v->first_bad = gen_state(v->c->levels[k]);
}

START_TEST(test_every_level_is_running_while_the_innermost_runs)
{
    struct chain c = CHAIN(NULL, 1, 3);
    struct level_states v = { .c = &c, .depth = 5 };
    struct gen *g = NEW_GEN(chain_new(&c, 5));

    c.leaf.hook = look_at_every_level;
    c.leaf.hook_arg = &v;
    expect_yielded(step_next(g), co_int(1), "next() #1 of a 5-level chain");
    expect_yielded(step_send(g, co_int(0)), co_int(2), "send(0) to the 5-level chain");
    ck_assert_msg(v.bad == 0, "while the leaf runs, every level of the chain must be "
                  "GEN_RUNNING (each is running its delegation); one was %s",
                  gen_state_name(v.first_bad));
    for (int k = 0; k < 5; k++)
        expect_state(c.levels[k], GEN_SUSPENDED, "each level, once the leaf yielded");
    gen_free(g);
}
END_TEST

/* Two outers over a sub (Python: m = outer(sub()); o = outer(m)): each
 * outer yields 'outer goes on' after its delegation, then returns what
 * the delegation gave. */
static struct gen *two_outers(struct sub_script *s, struct gen **mid)
{
    *mid = outer_new(s, false);
    return *mid ? outer_of(*mid, false, s->trail) : NULL;
}

START_TEST(test_a_middle_level_that_yields_on_its_own_after_its_delegation_is_resumed)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 2, .ret = co_str("ret"), .trail = &t };
    struct gen *mid, *g = NEW_GEN(two_outers(&s, &mid));

    expect_yielded(step_next(g), co_int(1), "next(o) of o = outer(outer(sub()))");
    expect_yielded(step_next(g), co_int(2), "next(o) #2: sub's second value");
    expect_yielded(step_next(g), co_str("outer goes on"), "next(o) #3: sub returned 'ret' to "
                   "the middle outer, which yields 'outer goes on' on its own");
    /* The innermost generator is gone now: a resume of o must reach the
     * middle level, not a remembered innermost one. */
    expect_yielded(step_next(g), co_str("outer goes on"), "next(o) #4: the middle outer "
                   "returns 'ret' and the outermost yields 'outer goes on' (hint: when a "
                   "delegation ends, forget the innermost generator you may have remembered "
                   "for the whole chain)");
    expect_stopped(step_next(g), co_str("ret"), "next(o) #5: o returns its delegation's result");
    expect_trail(&t, "outer starts outer starts sub starts sub got None sub got None "
                 "outer got 'ret' outer got 'ret'", "both outers start, then each gets 'ret' in turn, innermost first");
    gen_free(g);
}
END_TEST

START_TEST(test_resuming_a_middle_level_directly_goes_on_through_its_own_delegation)
{
    struct trail t = { "" };
    struct sub_script s = { .first = 1, .n = 3, .ret = co_str("ret"), .trail = &t };
    struct gen *mid, *g = NEW_GEN(two_outers(&s, &mid));

    expect_yielded(step_next(g), co_int(1), "next(o) of o = outer(m), m = outer(sub())");
    /* Python lets anyone resume m while o delegates to it. */
    expect_yielded(step_next(mid), co_int(2), "next(m) directly, while o delegates to m: "
                   "m forwards to its own subgenerator");
    expect_yielded(step_next(mid), co_int(3), "next(m) #2 directly");
    expect_yielded(step_next(mid), co_str("outer goes on"), "next(m) #3 directly: sub returns "
                   "'ret' to m, which goes on and yields 'outer goes on' (hint: only a yield "
                   "passes straight out; a return ends m's delegation)");
    expect_yielded(step_next(g), co_str("outer goes on"), "next(o) after m was resumed "
                   "directly: m returns 'ret' to o, which yields 'outer goes on'");
    expect_stopped(step_next(g), co_str("ret"), "next(o) once more: o returns 'ret'");
    expect_trail(&t, "outer starts outer starts sub starts sub got None sub got None "
                 "sub got None outer got 'ret' outer got 'ret'", "m gets sub's result, then o gets m's");
    gen_free(g);
}
END_TEST

/* ---- cost and memory -------------------------------------------------------------------------- */

START_TEST(test_a_resume_through_n_levels_enters_each_level_once)
{
    int leaf_entries = 0;
    struct chain c = CHAIN(NULL, 0, 100);
    struct gen *g = NEW_GEN(chain_new(&c, 50));

    c.leaf.entered = &leaf_entries;
    expect_first(g, &c.leaf);
    c.entries = 0;
    leaf_entries = 0;
    for (int k = 1; k <= 10; k++)
        expect_yielded(step_next(g), co_int(k), "next() of a 50-level chain");
    /* At most once: a resume that goes straight to the innermost level
     * (the shortcut of the README) enters the levels between not at all. */
    ck_assert_msg(c.entries <= 10 * 50 && leaf_entries == 10, "10 resumes of a 50-level "
                  "chain should enter each level's body at most once per resume (at most 500 "
                  "entries) and the leaf's 10 times; got %lld and %d (hint: forward each "
                  "resume once, and pass a yield straight out)", c.entries, leaf_entries);
    gen_free(g);
}
END_TEST

START_TEST(test_resumes_through_a_delegation_allocate_nothing)
{
    const int n = 100000;
    struct chain c = CHAIN(NULL, 0, n + 1);
    struct gen *g = NEW_GEN(chain_new(&c, 20));
    struct step st;
    size_t before;

    expect_first(g, &c.leaf);
    before = heap_in_use();
    for (int k = 1; k <= n; k++) {
        st = step_next(g);
        if (st.r != GEN_YIELDED || st.out.as.i != k)
            expect_yielded(st, co_int(k), "a next() of a 20-level chain");
    }
    expect_heap_back(before, "100,000 resumes through 20 levels (a resume must not allocate)");
    gen_free(g);
}
END_TEST

/* A 1000-level chain, run to its end (or freed after its first value). */
static void run_1000_levels(bool to_the_end)
{
    struct chain c = CHAIN(NULL, 1, 3);
    struct gen *g = NEW_GEN(chain_new(&c, 1000));

    expect_yielded(step_next(g), co_int(1), "next() of a 1000-level chain");
    if (to_the_end) {
        expect_yielded(step_send(g, co_int(5)), co_int(2), "send(5) to the 1000-level chain");
        expect_yielded(step_next(g), co_int(3), "next() #3 of the 1000-level chain");
        expect_stopped(step_next(g), co_int(1100), "the 1000-level chain returns 100 + 1000");
    }
    ck_assert_err(gen_free(g), CO_OK);
}

START_TEST(test_a_chain_of_1000_levels_works_and_frees_everything)
{
    size_t before = heap_in_use_warm();

    run_1000_levels(true);
    expect_heap_back(before, "a 1000-level chain run to its end and freed");
    run_1000_levels(false);
    expect_heap_back(before, "a 1000-level chain freed while every level delegates");
}
END_TEST

/* looper(rounds): delegates `rounds` times, in turn to a sub that returns
 * at once, one that yields twice, one that raises, NULL, and an exhausted
 * one; adds up the results and what it caught. */
struct looper_frame {
    int rounds, k;              /* how many delegations; this one's number */
    struct sub_script s;        /* the script of the k-th sub */
    struct co_value result;     /* its result */
    struct co_exc caught;       /* or what it raised */
    long long total;            /* the sum looper returns */
};

static struct gen *looper_sub(struct looper_frame *f)
{
    struct co_value out;
    struct co_exc exc;
    struct gen *spent;

    f->s = (struct sub_script){ .n = 0, .ret = co_int(1) };
    if (f->k % 5 == 1)
        f->s.n = 2;
    if (f->k % 5 == 2)
        f->s.raises = CO_VALUE_ERROR;
    if (f->k % 5 == 3)
        return NULL;
    if (f->k % 5 != 4)
        return sub_new(&f->s);
    spent = sub_new(&f->s);
    if (spent)
        gen_next(spent, &out, &exc);       /* returns at once: exhausted */
    return spent;
}

static enum gen_step looper_body(struct gen *g, void *frame)
{
    struct looper_frame *f = frame;

    GEN_BEGIN(g);
    for (f->k = 0; f->k < f->rounds; f->k++) {
        GEN_TRY_YIELD_FROM(g, looper_sub(f), f->result, f->caught);
        if (f->caught.kind == CO_VALUE_ERROR)
            f->total += 100;
        else if (f->caught.kind == CO_TYPE_ERROR)
            f->total += 1000;
        else if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
        else if (f->result.kind == CO_INT)
            f->total += f->result.as.i;
    }
    GEN_RETURN(g, co_int(f->total));
    GEN_END(g);
}

/* Run looper(rounds) to its end: it yields 2 values and adds up 1102 per
 * 5 rounds (results 1 and 1, ValueError 100, TypeError from NULL 1000,
 * None from an exhausted sub 0). */
static void run_looper(int rounds)
{
    struct gen *g = NEW_GEN(gen_new("looper", looper_body, sizeof(struct looper_frame)));
    struct step st;
    int yields = 0;

    ((struct looper_frame *)gen_frame(g))->rounds = rounds;
    while ((st = step_next(g)).r == GEN_YIELDED)
        yields++;
    expect_stopped(st, co_int(rounds / 5 * (1 + 1 + 100 + 1000 + 0)),
                  "looper: results 1 and 1, ValueError (100), TypeError from NULL (1000), "
                  "None from an exhausted sub (0), over and over");
    ck_assert_msg(yields == rounds / 5 * 2, "looper(%d) should have yielded %d values "
                  "(the two-value subs'), it yielded %d", rounds, rounds / 5 * 2, yields);
    gen_free(g);
}

START_TEST(test_many_delegations_of_every_kind_leak_nothing)
{
    size_t before = heap_in_use_warm();

    run_looper(20000);
    expect_heap_back(before, "20,000 delegations, every way a delegation can end");
}
END_TEST

Suite *make_depth_suite(void)
{
    Suite *s = suite_create("depth");
    TCase *levels = tcase_create("levels");
    TCase *memory = tcase_create("cost and memory");

    tcase_set_timeout(levels, LAB02_TIMEOUT);
    tcase_add_test(levels, test_values_and_the_result_pass_through_every_level);
    tcase_add_test(levels, test_sends_pass_through_every_level);
    tcase_add_test(levels, test_throw_passes_through_every_level_to_the_innermost);
    tcase_add_test(levels, test_exception_climbs_level_by_level_until_one_handles_it);
    tcase_add_test(levels, test_closing_the_outer_closes_every_level_innermost_first);
    tcase_add_test(levels, test_every_level_is_running_while_the_innermost_runs);
    tcase_add_test(levels, test_a_middle_level_that_yields_on_its_own_after_its_delegation_is_resumed);
    tcase_add_test(levels, test_resuming_a_middle_level_directly_goes_on_through_its_own_delegation);
    suite_add_tcase(s, levels);

    tcase_set_timeout(memory, 4 * LAB02_TIMEOUT);   /* valgrind is slow */
    tcase_add_test(memory, test_a_resume_through_n_levels_enters_each_level_once);
    tcase_add_test(memory, test_resumes_through_a_delegation_allocate_nothing);
    tcase_add_test(memory, test_a_chain_of_1000_levels_works_and_frees_everything);
    tcase_add_test(memory, test_many_delegations_of_every_kind_leak_nothing);
    suite_add_tcase(s, memory);
    return s;
}
