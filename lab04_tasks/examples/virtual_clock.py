"""virtual_clock: lab03's virtual clock for lab04's Python twins.

The clock is lab03's (lab03_eventloop/examples/virtual_clock.py, loaded
from there, not copied): CPython's own asyncio event loop whose time()
starts at 0.0 and jumps to the next timer instead of sleeping.  This
module adds what lab04's twins need on top:

  - run(main): asyncio.run(main) on a fresh virtual-clock loop (CPython's
    own asyncio.Runner: main as a task, then the leftover tasks
    cancelled, then the loop closed);
  - block(seconds): a *blocking* call, the seeds' time.sleep(seconds)
    inside a coroutine.  On the virtual clock the clock moves on by
    `seconds` while the current step keeps the thread, so nothing else
    runs meanwhile; with the argument `real` it is time.sleep itself.

Run a twin with the argument `real` (python3 four.py real) for the
ordinary event loop and real time.
"""
import asyncio
import importlib.util
import os
import time

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "lab03_virtual_clock",
    os.path.join(_here, "..", "..", "lab03_eventloop", "examples", "virtual_clock.py"))
_lab03 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_lab03)

VirtualClockLoop = _lab03.VirtualClockLoop
new_event_loop = _lab03.new_event_loop
now = _lab03.now
say = _lab03.say


def run(main):
    """asyncio.run(main), on a new loop from new_event_loop()."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(main)


def block(seconds):
    """time.sleep(seconds) inside a coroutine: the thread, and with it the
    loop and every task, waits.  On the virtual clock, time just moves on."""
    loop = asyncio.get_running_loop()
    if isinstance(loop, VirtualClockLoop):
        loop._now += seconds
    else:
        time.sleep(seconds)
