# say_after: the tutorial's say_after(delay, what), run twice by
# asyncio.run.  Awaited one after the other, the 1 s and the 2 s waits add
# up: 3 s.  Wrapped in two tasks first, they wait at the same time: 2 s.
# (virtual_clock.py: asyncio on a virtual clock; the seed prints the wall
# clock with time.strftime('%X'), here every line shows the loop's time.)
import asyncio

from virtual_clock import run, say


async def say_after(delay, what):
    await asyncio.sleep(delay)
    say(what)


async def main():
    say('started')
    await say_after(1, 'hello')         # runs say_after to its end: 1 s
    await say_after(2, 'world')         # and then this one: 2 s more
    say('finished')


async def main_tasks():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    say('started')
    await task1                         # both tasks already run: 1 s
    await task2                         # task2 has slept 1 s of its 2 already
    say('finished')


print('-- awaited in turn')
run(main())
print('-- as two tasks')
run(main_tasks())
