/* Hidden tests written the way an instructor would (grader/tests/run.sh
 * grades lab01 with them). */
#include <stdio.h>
#include "lab01_tests.h"

START_TEST(test_hidden_fibo_of_10_yields_six_numbers)
{
    struct fibo_sm sm;
    long long got;
    int n = 0;

    printf("HIDDEN-OUTPUT-MUST-NOT-SHOW\n");
    fibo_sm_init(&sm, 10);
    while (fibo_sm_next(&sm, &got) == 1)
        n++;
    ck_assert_msg(n == 6, "fibo(10): expected 6 numbers, got %d", n);
}
END_TEST

START_TEST(test_hidden_that_always_fails)
{
    ck_assert_msg(0, "HIDDEN-MESSAGE-MUST-NOT-SHOW");
}
END_TEST

Suite *make_hidden_extra_suite(void)
{
    Suite *s = suite_create("hidden extra");
    TCase *tc = tcase_create("fibo");

    tcase_set_timeout(tc, 5);
    tcase_add_test(tc, test_hidden_fibo_of_10_yields_six_numbers);
    tcase_add_test(tc, test_hidden_that_always_fails);
    suite_add_tcase(s, tc);
    return s;
}
