# hello1: the tutorial's hello1(10, 5), which returns 15 after a 3 s
# sleep.  Its result is read twice: with task.result() once the loop has
# run the task, and in a done callback that gets one more argument bound
# with functools.partial (the other tutorial's callback(name, task)).
# (virtual_clock.py: asyncio on a virtual clock, so 3 s take no time.)
import asyncio
import functools

from virtual_clock import new_event_loop, say


async def hello1(a, b):
    say("Hello world 01 begin")
    await asyncio.sleep(3)              # a slow job of 3 s
    say("Hello again 01 end")
    return a + b


def callback(name, future):             # partial(callback, 'Jesse'): future comes last
    print('[callback] Hello {}'.format(name))
    print('[callback] coroutine state: {}'.format(future._state))
    print('[callback] result: {}'.format(future.result()))


loop = new_event_loop()                 # the seed: asyncio.get_event_loop()
coroutine = hello1(10, 5)
task = loop.create_task(coroutine)      # the seed: asyncio.ensure_future(coroutine)
loop.run_until_complete(task)
print('-------------------------------------')
print(task.result())

task = loop.create_task(hello1(10, 5))
task.add_done_callback(functools.partial(callback, 'Jesse'))
loop.run_until_complete(task)           # the callback runs before the loop stops
loop.close()
