# io_switch: the tutorial's goal, "switch automatically when a task waits
# for I/O".  Both tasks wait one second at the same time: the run takes
# one second, not two.  (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop, say


async def task(first, second):
    say(first)
    await asyncio.sleep(1)    # I/O: the loop runs someone else
    say(second)


async def main():
    await asyncio.gather(task("1", "2"), task("3", "4"))


loop = new_event_loop()
loop.run_until_complete(main())
say("both done: one second, not two")
loop.close()
