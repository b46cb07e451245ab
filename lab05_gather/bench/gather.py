# gather: CPython's side of lab05's capstone "a million concurrent tasks"
# (see gather.c): N coroutines gathered, each awaiting sleep(0) once.  One
# line, "name<TAB>ns per task<TAB>bytes per task" (CPU time; the growth
# of the resident set at its peak: grader/scripts/co_bench.py).
#   python3 gather.py [N] [--uvloop]
import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "grader", "scripts"))
import co_bench  # noqa: E402

n, new_loop = co_bench.args()


async def sleeper():
    await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(sleeper() for _ in range(n)))


rss0 = co_bench.peak_reset()
loop = new_loop()
t0 = co_bench.cpu()
loop.run_until_complete(main())
t1 = co_bench.cpu()
peak = co_bench.status_kb("VmHWM")
loop.close()
co_bench.report("a million tasks: gather(*(sleep(0) ...)) to completion", t0, t1, n, rss0, peak)
