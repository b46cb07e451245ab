/*
 * Hostile submission "interpose_check" (grader/tests/run.sh).
 *
 * Defines Check's own assertion-failure function so that failed checks
 * would be silently ignored.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */

void _ck_assert_failed(const char *file, int line, const char *expr, const char *msg, ...);
void _ck_assert_failed(const char *file, int line, const char *expr, const char *msg, ...)
{
    (void)file;
    (void)line;
    (void)expr;
    (void)msg;
}
