/* Step 1 (Part A): the tutorial's round-robin of generators. */
#include "lab03_tests.h"

#include <string.h>

/* A generator that, at each resume, says its next word (appends it to
 * the trace) and yields; after the last word it returns on the next
 * resume, as the seed's task_01 does:
 *     def task_01():
 *         print(1)
 *         yield
 *         print(2)
 * If `fail_at` is k > 0, its k-th resume raises ValueError instead. */
struct say_frame {
    const char *const *words;   /* NULL-terminated */
    int i;
    int entered;                /* how many times the body was entered */
    int fail_at;
};

static enum gen_step say_body(struct gen *g, void *frame)
{
    struct say_frame *f = frame;

    f->entered++;
    GEN_BEGIN(g);
    for (f->i = 0; f->words[f->i]; f->i++) {
        if (f->fail_at == f->entered)
            GEN_RAISE(g, CO_VALUE_ERROR, "task %s failed", f->words[0]);
        trace("%s", f->words[f->i]);
        GEN_YIELD(g, co_none());
    }
    GEN_END(g);
}

static struct gen *say_new(const char *const *words, int fail_at)
{
    struct gen *g = gen_new("say", say_body, sizeof(struct say_frame));
    struct say_frame *f;

    ck_assert_msg(g != NULL, "gen_new failed (out of memory?)");
    f = gen_frame(g);
    f->words = words;
    f->fail_at = fail_at;
    return g;
}

static int entered(struct gen *g)
{
    return ((struct say_frame *)gen_frame(g))->entered;
}

/* loop_round_robin returned r; it should have returned want. */
static const char *why_not_rr(int r, int want, const struct co_exc *exc,
                              const char *situation)
{
    char er[CO_EXC_FORMAT_MAX];

    if (r == want)
        return NULL;
    return co_why("%s: loop_round_robin should return %s, got %s%s%s (trace: \"%s\")",
               situation, want == GEN_RAISED ? "GEN_RAISED" : co_errname(want),
               r == GEN_RAISED ? "GEN_RAISED: " : co_errname(r),
               r == GEN_RAISED ? co_exc_format(exc, er, sizeof er) : "",
               todo_hint(r, NULL), trace_text());
}
#define expect_rr(r, want, exc, situation) \
    CO_EXPECT(why_not_rr((r), (want), (exc), (situation)))

START_TEST(test_round_robin_of_the_seed_tasks_prints_1_3_2_4)
{
    static const char *const task_01[] = { "1", "2", NULL };
    static const char *const task_02[] = { "3", "4", NULL };
    struct gen *gens[2] = { say_new(task_01, 0), say_new(task_02, 0) };
    struct co_exc exc = { 0 };
    int r;

    trace_reset();
    r = loop_round_robin(gens, 2, &exc);
    expect_rr(r, CO_OK, &exc, "the seed's task_01 and task_02");
    expect_trace("1 3 2 4", "the seed's round-robin (print(1); yield; print(2))");
    ck_assert_msg(gen_state(gens[0]) == GEN_CLOSED && gen_state(gens[1]) == GEN_CLOSED,
                  "after the round-robin both generators should have finished "
                  "(GEN_CLOSED); they are %s and %s", gen_state_name(gen_state(gens[0])),
                  gen_state_name(gen_state(gens[1])));
    gen_free(gens[0]);
    gen_free(gens[1]);
}
END_TEST

START_TEST(test_round_robin_drops_each_generator_once_it_finishes)
{
    static const char *const a[] = { "a1", NULL };
    static const char *const b[] = { "b1", "b2", "b3", NULL };
    static const char *const c[] = { "c1", "c2", NULL };
    struct gen *gens[3] = { say_new(a, 0), say_new(b, 0), say_new(c, 0) };
    struct co_exc exc = { 0 };
    int r;

    trace_reset();
    r = loop_round_robin(gens, 3, &exc);
    expect_rr(r, CO_OK, &exc, "three generators of 1, 3 and 2 words");
    expect_trace("a1 b1 c1 b2 c2 b3", "rounds over generators of 1, 3 and 2 words");
    /* One resume per word, plus the one that finds the end; never more. */
    ck_assert_msg(entered(gens[0]) == 2 && entered(gens[1]) == 4 && entered(gens[2]) == 3,
                  "each generator should be resumed once per word plus once to "
                  "finish (2, 4, 3 times), but they were resumed %d, %d, %d times "
                  "(hint: drop a generator as soon as next() raises StopIteration)",
                  entered(gens[0]), entered(gens[1]), entered(gens[2]));
    for (int i = 0; i < 3; i++)
        gen_free(gens[i]);
}
END_TEST

START_TEST(test_round_robin_of_no_generators_returns_CO_OK)
{
    struct co_exc exc = { 0 };
    struct gen *none[1] = { NULL };
    int r = loop_round_robin(none, 0, &exc);

    expect_rr(r, CO_OK, &exc, "an empty task list");
    r = loop_round_robin(NULL, 0, &exc);
    expect_rr(r, CO_OK, &exc, "an empty task list given as NULL, 0");
}
END_TEST

START_TEST(test_round_robin_stops_at_an_exception_and_passes_it_on)
{
    static const char *const a[] = { "a1", "a2", "a3", NULL };
    static const char *const b[] = { "b1", "b2", "b3", NULL };
    struct gen *gens[2] = { say_new(a, 2), say_new(b, 0) };   /* a raises on resume 2 */
    struct co_exc exc = { 0 };
    int r;

    trace_reset();
    r = loop_round_robin(gens, 2, &exc);
    expect_rr(r, GEN_RAISED, &exc, "generator a raises ValueError on its 2nd resume");
    ck_assert_exc(&exc, CO_VALUE_ERROR, "the exception passed on");
    ck_assert_msg(strcmp(exc.msg, "task a1 failed") == 0,
                  "the exception's message should survive: expected \"task a1 failed\", "
                  "got \"%s\"", exc.msg);
    expect_trace("a1 b1", "a raises in round 2, so b is not resumed again "
                 "(Python's loop stops at the exception)");
    ck_assert_msg(gen_state(gens[1]) == GEN_SUSPENDED,
                  "b should be left suspended, it is %s", gen_state_name(gen_state(gens[1])));
    gen_free(gens[0]);
    gen_free(gens[1]);
}
END_TEST

START_TEST(test_round_robin_counts_a_closed_generator_as_finished)
{
    static const char *const a[] = { "a1", NULL };
    static const char *const b[] = { "b1", "b2", NULL };
    struct gen *gens[2] = { say_new(a, 0), say_new(b, 0) };
    struct co_exc exc = { 0 };
    int r;

    gen_close(gens[0], NULL);                 /* CREATED -> CLOSED, never ran */
    trace_reset();
    r = loop_round_robin(gens, 2, &exc);
    expect_rr(r, CO_OK, &exc, "a closed generator and a live one (next() on a "
              "closed generator raises StopIteration: it is finished)");
    expect_trace("b1 b2", "a closed generator and b");
    ck_assert_msg(entered(gens[0]) == 0, "the closed generator's body must never run");
    gen_free(gens[0]);
    gen_free(gens[1]);
}
END_TEST

START_TEST(test_round_robin_rejects_NULL_with_EINVAL)
{
    static const char *const a[] = { "a1", NULL };
    struct gen *gens[2] = { say_new(a, 0), NULL };
    struct co_exc exc = { 0 };
    int r;

    trace_reset();
    ck_assert_err(loop_round_robin(gens, 1, NULL), CO_EINVAL);
    ck_assert_err(loop_round_robin(NULL, 2, &exc), CO_EINVAL);
    ck_assert_err(loop_round_robin(gens, 2, &exc), CO_EINVAL);
    ck_assert_msg(entered(gens[0]) == 0, "a refused call must not resume any "
                  "generator (check every element before running one), but a ran");
    r = loop_round_robin(gens, 1, &exc);
    expect_rr(r, CO_OK, &exc, "after the refused calls");
    expect_trace("a1", "after the refused calls");
    gen_free(gens[0]);
}
END_TEST

/* Added for the mutation check (make mutate). */
START_TEST(test_round_robin_of_one_generator_from_a_NULL_array_is_EINVAL)
{
    struct co_exc exc = { 0 };

    ck_assert_msg(loop_round_robin(NULL, 1, &exc) == CO_EINVAL,
                  "loop_round_robin(NULL, 1, &exc): expected CO_EINVAL (gens is NULL while "
                  "n > 0), got %s (hint: n == 1 is already more than none)",
                  co_errname(loop_round_robin(NULL, 1, &exc)));
}
END_TEST

START_TEST(test_round_robin_of_100_generators_runs_each_to_its_end)
{
    static const char *const w[] = { "x", "y", NULL };
    struct gen *gens[100];
    struct co_exc exc = { 0 };
    int r;

    trace_reset();
    for (int i = 0; i < 100; i++)
        gens[i] = say_new(w, 0);
    r = loop_round_robin(gens, 100, &exc);
    CO_EXPECT(why_not_rr(r, CO_OK, &exc, "a round-robin of 100 generators (hint: the copy "
                         "of the array needs n pointers: n * sizeof(struct gen *) bytes)"));
    for (int i = 0; i < 100; i++) {
        ck_assert_msg(entered(gens[i]) == 3 && gen_state(gens[i]) == GEN_CLOSED,
                      "generator %d of 100 was resumed %d times (expected 3: x, y, its end) "
                      "and is %s", i, entered(gens[i]), gen_state_name(gen_state(gens[i])));
        gen_free(gens[i]);
    }
}
END_TEST

Suite *make_round_robin_suite(void)
{
    Suite *s = suite_create("round_robin");
    TCase *tc = tcase_create("round robin");

    tcase_set_timeout(tc, LAB03_TIMEOUT);
    tcase_add_test(tc, test_round_robin_of_the_seed_tasks_prints_1_3_2_4);
    tcase_add_test(tc, test_round_robin_drops_each_generator_once_it_finishes);
    tcase_add_test(tc, test_round_robin_of_no_generators_returns_CO_OK);
    tcase_add_test(tc, test_round_robin_stops_at_an_exception_and_passes_it_on);
    tcase_add_test(tc, test_round_robin_counts_a_closed_generator_as_finished);
    tcase_add_test(tc, test_round_robin_rejects_NULL_with_EINVAL);
    tcase_add_test(tc, test_round_robin_of_one_generator_from_a_NULL_array_is_EINVAL);
    tcase_add_test(tc, test_round_robin_of_100_generators_runs_each_to_its_end);
    suite_add_tcase(s, tc);
    return s;
}
