"""virtual_clock: CPython's asyncio on a virtual clock, for the Python twins.

The C examples run on LOOP_CLOCK_VIRTUAL: time starts at 0.0 and, when
nothing can run, jumps straight to the next timer.  To print the same
schedule, the twins use CPython's own asyncio event loop (the real
BaseEventLoop._run_once, call_soon, call_later, tasks, sockets) with two
things replaced:

  - loop.time() reads a number that starts at 0.0;
  - where asyncio would sleep in select() until the next timer, the clock
    jumps forward by that timeout instead (descriptors that are ready
    right now are still reported: select is asked with timeout 0).

So "await asyncio.sleep(1)" takes no real time and every run prints the
same thing.  Run a twin with the argument `real` (python3 call_later.py
real) to use the ordinary event loop and real time instead; the times it
prints may then differ in the last digit.
"""
import asyncio
import selectors
import sys

_loop = None
_t0 = 0.0


class _JumpingSelector(selectors.DefaultSelector):
    """A selector that never sleeps: it moves the loop's clock instead."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        events = super().select(0)
        if events or timeout == 0:
            return events
        if timeout is None:
            # No timer at all: only a descriptor can wake the loop.  The
            # loop's own wake-up pipe is always registered; anything more
            # means a real descriptor to wait for.
            if len(self.get_map()) > 1:
                return super().select(None)
            raise RuntimeError("nothing left to run: asyncio would wait forever")
        self.loop._now += timeout
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """asyncio's selector event loop with a virtual clock (see above)."""

    def __init__(self):
        self._now = 0.0
        selector = _JumpingSelector()
        super().__init__(selector)
        selector.loop = self

    def time(self):
        return self._now


def new_event_loop():
    """A new event loop, made the current one: virtual, or real with `real`."""
    global _loop, _t0
    if "real" in sys.argv[1:]:
        _loop = asyncio.new_event_loop()
    else:
        _loop = VirtualClockLoop()
    asyncio.set_event_loop(_loop)
    _t0 = _loop.time()
    return _loop


def now():
    """Seconds since new_event_loop(), on the loop's clock."""
    return _loop.time() - _t0


def say(text):
    """Print text stamped with the loop's time, as the C examples do."""
    print(f"t={now():.1f}  {text}")
