/* rename: gather.c gather_result_at fast_result_at (grader/tests/speed.sh) */

/* ---- grader/tests/speed/lab05_gather.c, appended by grader/tests/speed.sh
 * to the reference gather.c, whose own gather_result_at it renamed
 * fast_result_at: a correct gather_result_at that first makes sure that
 * every child is done (a check nobody needs), O(n) where the
 * reference's is O(1): for the workload's gathers of 5000, far more than
 * 50 times the reference's cost per task. */
int gather_result_at(struct gather *ga, size_t i, struct co_value *out, struct co_exc *exc)
{
    for (size_t k = 0; ga && out && exc && k < ga->n; k++)
        if (fast_result_at(ga, k, out, exc) == CO_ESTATE)
            return CO_ESTATE;
    return fast_result_at(ga, i, out, exc);
}
