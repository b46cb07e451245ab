# run_forever_callback: lab03's twin, as it stands (it already uses the
# real asyncio.gather; lab03's C had to do without).  Loaded from there,
# not copied: lab03_eventloop/examples/run_forever_callback.py.
import os
import runpy
import sys

_lab03 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "lab03_eventloop", "examples")
sys.path.insert(0, _lab03)
runpy.run_path(os.path.join(_lab03, "run_forever_callback.py"), run_name="__main__")
