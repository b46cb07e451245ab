"""virtual_clock: lab04's virtual clock for lab05's Python twins.

Loaded from lab04_tasks/examples/virtual_clock.py (which loads lab03's),
not copied: run(main), say(text), now(), block(seconds), new_event_loop()
and VirtualClockLoop are those.  Run a twin with the argument `real` for
the ordinary event loop and real time.
"""
import importlib.util
import os

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "lab04_virtual_clock",
    os.path.join(_here, "..", "..", "lab04_tasks", "examples", "virtual_clock.py"))
_lab04 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_lab04)

run = _lab04.run
say = _lab04.say
now = _lab04.now
block = _lab04.block
new_event_loop = _lab04.new_event_loop
VirtualClockLoop = _lab04.VirtualClockLoop
