# loop: CPython's side of lab03's benchmark (see loop.c); one line per
# workload, "name<TAB>nanoseconds per operation" (CPU time, as loop.c).
#   python3 loop.py [N] [--uvloop]
# runs the workloads on asyncio's own loop, or with --uvloop on uvloop's
# (grader/scripts/bench.sh runs both, in separate processes).
import asyncio
import random
import sys
import time

args = [a for a in sys.argv[1:] if not a.startswith("-")]
n = int(args[0]) if args else 1_000_000
if "--uvloop" in sys.argv:
    import uvloop
    new_loop = uvloop.new_event_loop
else:
    new_loop = asyncio.new_event_loop
random.seed(1)
calls = 0


def count():
    global calls
    calls += 1


def report(name, seconds, ops):
    print(f"{name}\t{seconds * 1e9 / ops:.2f}")


def run_once(loop):
    """One iteration of the loop (what the C loop_run_once does)."""
    loop.call_soon(loop.stop)
    loop.run_forever()


def bench(loop):
    global calls
    calls = 0
    t0 = time.process_time()
    for _ in range(n):
        loop.call_soon(count)
    run_once(loop)
    report("call_soon + call, n queued at once", time.process_time() - t0, n)

    calls = 0
    t0 = time.process_time()
    for _ in range(0, n, 1000):
        for _ in range(1000):
            loop.call_soon(count)
        run_once(loop)
    report("call_soon + call, batches of 1000", time.process_time() - t0, calls)

    calls = 0

    def chain():
        global calls
        calls += 1
        if calls < n:
            loop.call_soon(chain)
        else:
            loop.stop()

    loop.call_soon(chain)
    t0 = time.process_time()
    loop.run_forever()
    report("loop iteration with one callback", time.process_time() - t0, calls)

    # Timers: n call_later at random delays in [0, 1) s, then the loop
    # runs until every one has fired (the wait is not CPU time).
    calls = 0

    def count_and_stop():
        global calls
        calls += 1
        if calls == n:
            loop.stop()

    delays = [random.random() for _ in range(n)]
    t0 = time.process_time()
    for d in delays:
        loop.call_later(d, count_and_stop)
    loop.run_forever()
    report("timer call_later + fire, n random delays", time.process_time() - t0, n)

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
    t0 = time.process_time()
    loop.run_forever()
    report("timer push + pop + iteration, heap of 1000",
           time.process_time() - t0, calls)


loop = new_loop()
bench(loop)
loop.close()
