# loop: CPython's side of lab03's benchmark (see loop.c); one line per
# workload, "name<TAB>nanoseconds per operation[<TAB>bytes per item]"
# (CPU time and peak resident set, as loop.c: grader/scripts/co_bench.py).
#   python3 loop.py [N] [--uvloop]
# runs the workloads on asyncio's own loop, or with --uvloop on uvloop's
# (grader/scripts/bench.sh runs both, in separate processes).
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "grader", "scripts"))
import co_bench  # noqa: E402

n, new_loop = co_bench.args()
random.seed(1)
calls = 0


def count():
    global calls
    calls += 1


def report(name, seconds, ops, rss0=None):
    co_bench.report(name, 0, seconds, ops, rss0)


def run_once(loop):
    """One iteration of the loop (what the C loop_run_once does)."""
    loop.call_soon(loop.stop)
    loop.run_forever()


def bench(loop, rss0):
    global calls
    calls = 0
    t0 = co_bench.cpu()
    for _ in range(n):
        loop.call_soon(count)
    run_once(loop)
    report("call_soon + call, n queued at once", co_bench.cpu() - t0, n, rss0)

    calls = 0
    t0 = co_bench.cpu()
    for _ in range(0, n, 1000):
        for _ in range(1000):
            loop.call_soon(count)
        run_once(loop)
    report("call_soon + call, batches of 1000", co_bench.cpu() - t0, calls)

    calls = 0

    def chain():
        global calls
        calls += 1
        if calls < n:
            loop.call_soon(chain)
        else:
            loop.stop()

    loop.call_soon(chain)
    t0 = co_bench.cpu()
    loop.run_forever()
    report("loop iteration with one callback", co_bench.cpu() - t0, calls)

    # Timers: n call_later at random delays in [0, 1) s, then the loop
    # runs until every one has fired (the wait is not CPU time).
    calls = 0

    def count_and_stop():
        global calls
        calls += 1
        if calls == n:
            loop.stop()

    delays = [random.random() for _ in range(n)]
    rss0 = co_bench.peak_reset()
    t0 = co_bench.cpu()
    for d in delays:
        loop.call_later(d, count_and_stop)
    loop.run_forever()
    report("timer call_later + fire, n random delays", co_bench.cpu() - t0, n, rss0)

    # With 1000 timers pending far away, push one that is already due and
    # run one iteration, which pops it.
    # (A timer callback arms the next one, so that one run_forever covers
    # all of them, as the C side's loop over run_once does.)
    for i in range(1000):
        loop.call_later(1000.0 + i, count)
    calls = 0

    def tick():
        global calls
        calls += 1
        if calls < n:
            loop.call_at(loop.time() - random.random(), tick)
        else:
            loop.stop()

    loop.call_at(loop.time() - random.random(), tick)
    t0 = co_bench.cpu()
    loop.run_forever()
    report("timer push + pop + iteration, heap of 1000",
           co_bench.cpu() - t0, calls)


rss0 = co_bench.peak_reset()
loop = new_loop()
bench(loop, rss0)
loop.close()
