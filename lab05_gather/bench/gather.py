# gather: CPython's side of lab05's capstone "a million concurrent tasks"
# (see gather.c): N coroutines gathered, each awaiting sleep(0) once.  One
# line, "name<TAB>ns per task<TAB>bytes per task" (CPU time; the growth
# of the resident set at its peak).
#   python3 gather.py [N] [--uvloop]
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
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


async def sleeper():
    await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(sleeper() for _ in range(n)))


gc.collect()
try:
    ctypes.CDLL(None).malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except (OSError, AttributeError):
    pass
rss0 = status_kb("VmRSS")
loop = new_loop()
t0 = time.process_time()
loop.run_until_complete(main())
t1 = time.process_time()
peak = status_kb("VmHWM")
loop.close()
per = (peak - rss0) * 1024 / n if peak > rss0 else 0
print(f"a million tasks: gather(*(sleep(0) ...)) to completion\t{(t1 - t0) * 1e9 / n:.2f}\t{per:.0f}")
