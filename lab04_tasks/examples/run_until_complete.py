# run_until_complete: the tutorial's first runnable coroutine.  The loop
# runs it to its end before run_until_complete returns, so "run task ..."
# comes before "run main ...": first with the loop made by hand, then
# with asyncio.run (Python 3.7+), which makes a fresh loop and closes it.
# Neither can be called from inside a running loop.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop, run


async def task():
    print("run task ...")


fiberObject = task()
event_loop = new_event_loop()           # the seed: asyncio.get_event_loop()
event_loop.run_until_complete(fiberObject)
print("run main ...")
event_loop.close()

fiberObject = task()
run(fiberObject)                        # asyncio.run(fiberObject)
print("run main ...")


async def inside():
    loop = asyncio.get_running_loop()
    try:
        loop.run_until_complete(loop.create_future())
    except RuntimeError as e:
        print('RuntimeError:', e)
    coro = task()
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print('RuntimeError:', e)
    coro.close()                        # it never ran

run(inside())
