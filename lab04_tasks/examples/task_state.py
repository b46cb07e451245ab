# task_state: the tutorial's look at a task's _state, PENDING before the
# loop has run it and FINISHED after, and the third state that the
# tutorial leaves out: CANCELLED.  A cancel() is a request: the task is
# still PENDING until its next step delivers CancelledError; a task
# cancelled before its first step never runs its coroutine at all.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop


async def do_some_work():
    print('Start coroutine')
    print('This is a coroutine')


loop = new_event_loop()                 # the seed: asyncio.get_event_loop()
task = loop.create_task(do_some_work())
print('isinstance(task, asyncio.Task):', isinstance(task, asyncio.Task))
print('isinstance(task, asyncio.Future):', isinstance(task, asyncio.Future))
print('Task state:', task._state)
loop.run_until_complete(task)
print('Task state:', task._state)

task = loop.create_task(do_some_work())
print('cancel():', task.cancel())
print('Task state:', task._state)       # a request, not yet delivered
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print('run_until_complete raised CancelledError')
print('Task state:', task._state)
print('cancelled():', task.cancelled(), ' done():', task.done())
print('cancel() again:', task.cancel())
loop.close()
