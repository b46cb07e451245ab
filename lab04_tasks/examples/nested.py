# nested: the tutorial's nested(), which returns 42.  Calling it only
# makes a coroutine object: nothing of its body runs (the seed calls
# nested() and drops it, and CPython warns "coroutine 'nested' was never
# awaited"; here it is closed).  Awaited, it runs right there, inside
# main's step: 42.  Wrapped in a task, it runs in a step of its own, when
# the loop gets to it; awaiting the task waits for that: 42.  And a task
# runs whether or not anyone awaits it.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import run


async def nested():
    print('nested() runs')
    return 42


async def main():
    coro = nested()                     # a coroutine object: nothing ran
    print('called nested(): not run yet')
    coro.close()

    print(await nested())               # awaited as a coroutine

    task = asyncio.create_task(nested())
    print('created a task: not run yet')
    print(await task)                   # awaited as a task

    task = asyncio.create_task(nested())
    await asyncio.sleep(0)              # main lets the loop go round once
    print('a task nobody awaits: done {}, result {}'.format(task.done(), task.result()))


run(main())
