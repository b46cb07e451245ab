# call_at: the call_later example again, with absolute times on the
# loop's clock (loop.time()).  The tutorial: "the result is the same as
# call_later.py's".  (virtual_clock.py: asyncio on a virtual clock.)
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
    start = loop.time()
    loop.create_task(work(1, 'A'))          # the seed: asyncio.ensure_future(work(1, 'A'))
    loop.call_at(start + 1.2, hello, 'Tom')
    loop.call_soon(hello, 'Kitty')
    task4 = loop.create_task(work(2, 'B'))
    loop.call_at(start + 1, hello, 'Jerry')
    loop.run_until_complete(task4)
    loop.close()


if __name__ == "__main__":
    main()
