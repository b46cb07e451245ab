# four: the tutorial's four(), two tasks that wait 3 s and 1 s.  With
# `await asyncio.sleep(t)` they wait at the same time: 3 s in all, TWO
# done first.  With the seed's other version, a blocking time.sleep(t)
# inside the coroutine, the thread itself waits, and with it the loop and
# every task: ONE runs to its end before TWO even starts, 4 s in all.
# The seed gathers the two tasks with asyncio.gather (lab 5); here the
# loop runs until each one is done in turn, which prints the same.
# (virtual_clock.py: asyncio on a virtual clock; block(t) is time.sleep(t)
# as that clock sees it: the step keeps the thread while time moves on.)
import asyncio

from virtual_clock import block, new_event_loop, now, say


async def corowork(name, t):
    say('[corowork] Start coroutine {}'.format(name))
    await asyncio.sleep(t)              # this task waits; the loop runs others
    say('[corowork] Stop coroutine {}'.format(name))
    return 'Coroutine {} OK'.format(name)


async def corowork_blocking(name, t):
    say('[corowork] Start coroutine {}'.format(name))
    block(t)                            # the seed: time.sleep(t), everything waits
    say('[corowork] Stop coroutine {}'.format(name))
    return 'Coroutine {} OK'.format(name)


def four(corowork):
    loop = new_event_loop()             # the seed: asyncio.get_event_loop()
    task1 = loop.create_task(corowork('ONE', 3))
    task2 = loop.create_task(corowork('TWO', 1))
    loop.run_until_complete(task1)      # the seed: gather(task1, task2)
    loop.run_until_complete(task2)
    print('[task1]', task1.result())
    print('[task2]', task2.result())
    print('took {:.1f} s'.format(now()))
    loop.close()


if __name__ == '__main__':
    print('-- await asyncio.sleep(t)')
    four(corowork)
    print('-- time.sleep(t), blocking')
    four(corowork_blocking)
