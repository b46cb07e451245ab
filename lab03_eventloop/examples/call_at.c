/* call_at: the call_later example again, with absolute times on the
 * loop's clock: loop_call_at(start + 1.2, ...) instead of
 * loop_call_later(1.2, ...).  The tutorial: "the result is the same as
 * call_later.py's".  So the program is call_later.c's, compiled with
 * CALL_AT (its schedule() calls loop_call_at).
 * Python twin: call_at.py (asyncio on a virtual clock). */
#define CALL_AT
#include "call_later.c"

EXAMPLE_SCENARIO(call_at, "the same with absolute times: call_at(start + 1.2)", setup, teardown)
