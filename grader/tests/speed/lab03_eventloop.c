/* rename: loop.c loop_call_soon fast_call_soon (grader/tests/speed.sh) */

/* ---- grader/tests/speed/lab03_eventloop.c, appended by grader/tests/speed.sh
 * to the reference loop.c, whose own loop_call_soon it renamed
 * fast_call_soon: a correct loop_call_soon that first walks the pending
 * timers (a check nobody needs), up to 1000 of them, where the
 * reference's call_soon is O(1).  In the workload, where a timer comes
 * with every 64th callback, that is over 50 times the reference's cost;
 * the tests that queue a million callbacks have no timers, and those
 * that set a million timers make no call_soon. */
int loop_call_soon(struct loop *loop, loop_callback_fn *fn, void *arg, struct loop_handle **out)
{
    size_t n = loop ? loop_timer_count(loop) : 0;

    for (size_t i = 0; i < n && i < 1000; i++)
        if (!loop_timer_at(loop, i))
            return CO_EINVAL;
    return fast_call_soon(loop, fn, arg, out);
}
