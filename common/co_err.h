/*
 * co_err - the error codes every coro-labs function returns.
 *
 * A function returns an int: zero or a positive number means success
 * (some functions give the positive values a meaning of their own), a
 * negative number is one of the codes below.  Nothing uses errno: in a
 * test it is clobbered long before anyone reads it.
 *
 * Two kinds of failure travel separately:
 *   - misuse of the API (resuming a finished generator, a NULL argument)
 *     is the return value, and the call changes nothing;
 *   - an error raised *by a coroutine body* is an exception (co_exc.h)
 *     handed back through an out-parameter, as Python raises it.
 */
#ifndef CO_ERR_H
#define CO_ERR_H

enum co_err {
    CO_OK         =  0,
    CO_EINVAL     = -1,  /* NULL, negative delay, a bad argument */
    CO_ESTATE     = -2,  /* wrong state for this call */
    CO_EDONE      = -3,  /* generator or future already finished */
    CO_ECANCELLED = -4,  /* the thing was cancelled */
    CO_ENOMEM     = -5,  /* out of memory */
    CO_ENOSYS     = -6,  /* skeleton: not written yet */
    CO_ECLOSED    = -7,  /* the loop was closed */
};

/* A sentence for humans: "generator or future already finished". */
const char *co_strerror(int err);

/* The code's name for test output: "CO_EDONE".  Positive values and
 * unknown negative ones come back as "CO_OK(+N)" / "CO_E?(-N)" in a
 * static buffer, so a message never prints NULL. */
const char *co_errname(int err);

#endif
