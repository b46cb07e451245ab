# tasks: CPython's side of lab04's benchmark (see tasks.c); one line per
# workload, "name<TAB>ns per item<TAB>bytes per item", CPU time and the
# growth of the resident set at its peak, as tasks.c measures them
# (grader/scripts/co_bench.py, the twin of common/co_bench.h).
#   python3 tasks.py [N] [--uvloop]
# runs on asyncio's own loop, or with --uvloop on uvloop's.
import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "grader", "scripts"))
import co_bench  # noqa: E402

n, new_loop = co_bench.args()


async def bench():
    await asyncio.sleep(0)


called = 0


def done_cb(fut):
    global called
    called += 1


def run_once(loop):
    loop.call_soon(loop.stop)
    loop.run_forever()


loop = new_loop()
rss0 = co_bench.peak_reset()
t0 = co_bench.cpu()
tasks = [loop.create_task(bench()) for _ in range(n)]
loop.run_until_complete(tasks[-1])    # they finish in order: the last one is last
assert all(t.done() for t in tasks)
del tasks
t1 = co_bench.cpu()
co_bench.report("tasks, each awaiting sleep(0) once, run to completion", t0, t1, n, rss0)
loop.close()

loop = new_loop()
rss0 = co_bench.peak_reset()
t0 = co_bench.cpu()
shared = loop.create_future()


async def waiter():
    await shared


tasks = []
for i in range(n):
    tasks.append(loop.create_task(waiter()))
    if i % 1000 == 999 or i == n - 1:
        run_once(loop)                # these thousand now await `shared`
held = co_bench.status_kb("VmRSS")             # the suspended tasks, before the waking
shared.set_result(None)
loop.run_until_complete(tasks[-1])
assert all(t.done() for t in tasks)
del tasks
t1 = co_bench.cpu()
co_bench.report("tasks alive at once, each suspended on a future", t0, t1, n, rss0, held)
loop.close()

loop = new_loop()
rss0 = co_bench.peak_reset()
t0 = co_bench.cpu()
futs = [loop.create_future() for _ in range(n)]
for f in futs:
    f.add_done_callback(done_cb)
for i, f in enumerate(futs):
    f.set_result(i)
run_once(loop)
del futs, f
t1 = co_bench.cpu()
assert called == n
co_bench.report("futures, each with a done callback, set and run", t0, t1, n, rss0)
loop.close()
