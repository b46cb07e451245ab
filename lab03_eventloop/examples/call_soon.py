# call_soon: the tutorial's call_soon example.  An ordinary function
# (hello) is queued between tasks; the loop runs them in the order they
# were queued.  (virtual_clock.py: asyncio on a virtual clock; the seed
# printed with print() and no times.)
import asyncio

from virtual_clock import new_event_loop, say


def hello(name):
    say('[hello] Hello, {}'.format(name))


async def work(t, name):
    say('[work] start {}'.format(name))
    await asyncio.sleep(t)
    say('[work] {} after {}s stop'.format(name, t))


def main():
    loop = new_event_loop()
    loop.create_task(work(1, 'A'))          # the seed: asyncio.ensure_future(work(1, 'A'))
    loop.call_soon(hello, 'Tom')
    loop.create_task(work(2, 'B'))
    loop.run_until_complete(work(3, 'C'))
    loop.close()


if __name__ == "__main__":
    main()
