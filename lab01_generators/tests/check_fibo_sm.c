/* Step 1: fibo(n) written by hand as an explicit state machine. */
#include "lab01_tests.h"

/* Python's answer, computed the plain way, to compare against. */
static int python_fibo(long long n, long long *out, int max)
{
    long long a = 0, b = 1, t;
    int k = 0;

    while (b < n && k < max) {
        t = a + b;
        a = b;
        b = t;
        out[k++] = a;
    }
    return k;
}

START_TEST(test_fibo_sm_yields_the_seed_sequence_below_100)
{
    struct fibo_sm sm;
    long long want[32], got;
    int n_want = python_fibo(100, want, 32);

    fibo_sm_init(&sm, 100);
    for (int k = 0; k < n_want; k++) {
        int r = fibo_sm_next(&sm, &got);
        ck_assert_msg(r == 1, "fibo(100), call %d: expected 1 (a value: %lld), "
                      "got %s", k + 1, want[k], co_errname(r));
        ck_assert_msg(got == want[k], "fibo(100), call %d: expected %lld, got %lld",
                      k + 1, want[k], got);
    }
    ck_assert_msg(fibo_sm_next(&sm, &got) == 0,
                  "fibo(100): after 89 the loop must end (89 + 55 >= 100): "
                  "expected 0, got another value");
}
END_TEST

START_TEST(test_fibo_sm_keeps_returning_0_after_the_end)
{
    struct fibo_sm sm;
    long long got = -7;
    int r;

    fibo_sm_init(&sm, 3);          /* yields 1, 1, 2 */
    for (int k = 0; k < 3; k++) {
        r = fibo_sm_next(&sm, &got);
        ck_assert_msg(r == 1, "fibo(3), call %d: expected a value, got %s",
                      k + 1, co_errname(r));
    }
    for (int k = 0; k < 3; k++) {
        got = -7;
        r = fibo_sm_next(&sm, &got);
        ck_assert_msg(r == 0, "fibo(3) after the end, call %d: expected 0, got %s",
                      k + 1, co_errname(r));
        ck_assert_msg(got == -7, "fibo(3) after the end: *out must be left alone, "
                      "but it was set to %lld", got);
        ck_assert_msg(sm.state == FIBO_DONE, "fibo(3) after the end: state should "
                      "be FIBO_DONE, got %d", (int)sm.state);
    }
}
END_TEST

START_TEST(test_fibo_sm_with_bound_1_yields_nothing)
{
    struct fibo_sm sm;
    long long got;
    int r;

    fibo_sm_init(&sm, 1);
    r = fibo_sm_next(&sm, &got);
    ck_assert_msg(r == 0, "fibo(1): `while b < n` is false at once (b = 1), so "
                  "the first call must return 0; got %s", co_errname(r));
}
END_TEST

START_TEST(test_fibo_sm_two_machines_do_not_share_state)
{
    struct fibo_sm x, y;
    long long gx = 0, gy = 0;
    int rx, ry;

    fibo_sm_init(&x, 1000);
    fibo_sm_init(&y, 1000);
    for (int k = 0; k < 5; k++) {
        rx = fibo_sm_next(&x, &gx);
        ck_assert_msg(rx == 1, "machine x, call %d: expected a value, got %s",
                      k + 1, co_errname(rx));
    }
    ry = fibo_sm_next(&y, &gy);
    ck_assert_msg(ry == 1 && gy == 1, "machine y's first call must yield 1 even "
                  "after x ran 5 steps; got %s / %lld (hint: keep every local in "
                  "the struct, never in a static variable)", co_errname(ry), gy);
    ck_assert_msg(gx == 5, "machine x's 5th value should be 5, got %lld", gx);
}
END_TEST

START_TEST(test_fibo_sm_rejects_NULL_with_EINVAL)
{
    struct fibo_sm sm;
    long long got;

    fibo_sm_init(&sm, 10);
    ck_assert_err(fibo_sm_next(NULL, &got), CO_EINVAL);
    ck_assert_err(fibo_sm_next(&sm, NULL), CO_EINVAL);
    ck_assert_msg(fibo_sm_next(&sm, &got) == 1 && got == 1,
                  "after two rejected calls the machine must still be at its "
                  "start and yield 1");
}
END_TEST

Suite *make_fibo_sm_suite(void)
{
    Suite *s = suite_create("fibo_sm");
    TCase *tc = tcase_create("state machine");

    tcase_set_timeout(tc, LAB01_TIMEOUT);
    tcase_add_test(tc, test_fibo_sm_yields_the_seed_sequence_below_100);
    tcase_add_test(tc, test_fibo_sm_keeps_returning_0_after_the_end);
    tcase_add_test(tc, test_fibo_sm_with_bound_1_yields_nothing);
    tcase_add_test(tc, test_fibo_sm_two_machines_do_not_share_state);
    tcase_add_test(tc, test_fibo_sm_rejects_NULL_with_EINVAL);
    suite_add_tcase(s, tc);
    return s;
}
