# loop: CPython's side of lab03's benchmark (see loop.c); one line per
# workload, "name<TAB>nanoseconds per operation".  Plain asyncio, plus
# uvloop's loop for the same workloads where it is installed ("... uvloop").
import asyncio
import random
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
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


def bench(loop, suffix=""):
    global calls
    calls = 0
    t0 = time.perf_counter()
    for _ in range(n):
        loop.call_soon(count)
    run_once(loop)
    report("call_soon + call, n queued at once" + suffix, time.perf_counter() - t0, n)

    calls = 0
    t0 = time.perf_counter()
    for _ in range(0, n, 1000):
        for _ in range(1000):
            loop.call_soon(count)
        run_once(loop)
    report("call_soon + call, batches of 1000" + suffix, time.perf_counter() - t0, calls)

    calls = 0

    def chain():
        global calls
        calls += 1
        if calls < n:
            loop.call_soon(chain)
        else:
            loop.stop()

    loop.call_soon(chain)
    t0 = time.perf_counter()
    loop.run_forever()
    report("loop iteration with one callback" + suffix, time.perf_counter() - t0, calls)

    # Timers: n call_at in the past, then one iteration fires them all.
    base = loop.time()
    whens = [base - random.random() * 1000.0 for _ in range(n)]
    t0 = time.perf_counter()
    for w in whens:
        loop.call_at(w, count)
    run_once(loop)
    report("timer call_at + fire, n random times" + suffix, time.perf_counter() - t0, n)

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
    t0 = time.perf_counter()
    loop.run_forever()
    report("timer push + pop + iteration, heap of 1000" + suffix,
           time.perf_counter() - t0, calls)


loop = asyncio.new_event_loop()
bench(loop)
loop.close()
try:
    import uvloop
except ImportError:
    uvloop = None
if uvloop:
    loop = uvloop.new_event_loop()
    bench(loop, " (uvloop)")
    loop.close()
