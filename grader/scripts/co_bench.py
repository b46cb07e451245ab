"""co_bench: what every benchmark twin (LAB/bench/NAME.py) measures with,
written once: the Python side of common/co_bench.[ch], measuring as the C
programs do.  Time is the process's CPU time (time.process_time()); bytes
per item is the growth of the resident set at its peak over N:
peak_reset() collects garbage, hands free memory back to the kernel
(malloc_trim) and resets the peak (/proc/self/clear_refs); the peak is
VmHWM from /proc/self/status.  A twin imports it with

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "..", "grader", "scripts"))
    import co_bench

and co_bench.args() gives (N, new_loop) from its command line: [N] [--uvloop].
"""
import asyncio
import ctypes
import gc
import sys
import time

cpu = time.process_time


def args(default=1_000_000):
    """(N, new_loop): N from the first argument that is no option, and
    asyncio's new_event_loop, or uvloop's with --uvloop."""
    rest = [a for a in sys.argv[1:] if not a.startswith("-")]
    n = int(rest[0]) if rest else default
    if "--uvloop" in sys.argv:
        import uvloop
        return n, uvloop.new_event_loop
    return n, asyncio.new_event_loop


def status_kb(key):
    """VmRSS or VmHWM (any key of /proc/self/status) in KB; 0 if absent."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def peak_reset():
    """Free memory back to the kernel, the peak reset to now; returns VmRSS (KB)."""
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


def report(name, t0, t1, n, rss0=None, peak=None):
    """Print "name<TAB>ns per item", and with rss0 (peak_reset's answer)
    "<TAB>bytes per item" up to peak (None: VmHWM now); t0, t1 in seconds."""
    line = f"{name}\t{(t1 - t0) * 1e9 / n:.2f}"
    if rss0 is not None:
        peak = status_kb("VmHWM") if peak is None else peak
        line += f"\t{(peak - rss0) * 1024 / n if peak > rss0 else 0:.0f}"
    print(line, flush=True)
