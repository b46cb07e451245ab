# tasks: CPython's side of lab04's benchmark (see tasks.c); one line per
# workload, "name<TAB>ns per item<TAB>bytes per item", CPU time and the
# growth of the resident set at its peak, as tasks.c measures them.
#   python3 tasks.py [N] [--uvloop]
# runs on asyncio's own loop, or with --uvloop on uvloop's.
import asyncio
import ctypes
import gc
import sys
import time

args = [a for a in sys.argv[1:] if not a.startswith("-")]
n = int(args[0]) if args else 1_000_000
if "--uvloop" in sys.argv:
    import uvloop
    new_loop = uvloop.new_event_loop
else:
    new_loop = asyncio.new_event_loop


def status_kb(key):
    """VmRSS or VmHWM of this process, in KB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def peak_reset():
    """Reset the peak (VmHWM) to the current RSS, after handing free memory
    back to the kernel as tasks.c does; return the current RSS."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    return status_kb("VmRSS")


def report(name, t0, t1, rss0, peak=None):
    peak = status_kb("VmHWM") if peak is None else peak
    per_item = (peak - rss0) * 1024 / n if peak > rss0 else 0
    print(f"{name}\t{(t1 - t0) * 1e9 / n:.2f}\t{per_item:.0f}")


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
rss0 = peak_reset()
t0 = time.process_time()
tasks = [loop.create_task(bench()) for _ in range(n)]
loop.run_until_complete(tasks[-1])    # they finish in order: the last one is last
assert all(t.done() for t in tasks)
del tasks
t1 = time.process_time()
report("tasks, each awaiting sleep(0) once, run to completion", t0, t1, rss0)
loop.close()

loop = new_loop()
rss0 = peak_reset()
t0 = time.process_time()
shared = loop.create_future()


async def waiter():
    await shared


tasks = []
for i in range(n):
    tasks.append(loop.create_task(waiter()))
    if i % 1000 == 999 or i == n - 1:
        run_once(loop)                # these thousand now await `shared`
held = status_kb("VmRSS")             # the suspended tasks, before the waking
shared.set_result(None)
loop.run_until_complete(tasks[-1])
assert all(t.done() for t in tasks)
del tasks
t1 = time.process_time()
report("tasks alive at once, each suspended on a future", t0, t1, rss0, held)
loop.close()

loop = new_loop()
rss0 = peak_reset()
t0 = time.process_time()
futs = [loop.create_future() for _ in range(n)]
for f in futs:
    f.add_done_callback(done_cb)
for i, f in enumerate(futs):
    f.set_result(i)
run_once(loop)
del futs, f
t1 = time.process_time()
assert called == n
report("futures, each with a done callback, set and run", t0, t1, rss0)
loop.close()
