# call_later: the tutorial's Tom / Kitty / Jerry example.  Timers count
# from when they are scheduled, so Jerry (1 s) comes before task A wakes
# and before Tom (1.2 s).  (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop, say


def hello(name):
    say('[hello] Hello, {}'.format(name))


async def work(t, name):
    say('[work {}] start'.format(name))
    await asyncio.sleep(t)
    say('[work {}] stop'.format(name))


def main():
    loop = new_event_loop()
    loop.create_task(work(1, 'A'))          # the seed: asyncio.ensure_future(work(1, 'A'))
    loop.call_later(1.2, hello, 'Tom')
    loop.call_soon(hello, 'Kitty')
    task4 = loop.create_task(work(2, 'B'))
    loop.call_later(1, hello, 'Jerry')
    loop.run_until_complete(task4)
    loop.close()


if __name__ == "__main__":
    main()
