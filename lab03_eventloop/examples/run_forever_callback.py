# run_forever_callback: the tutorial's second run_forever example.  Two
# tasks run; a callback called when both are done stops the loop.
# (virtual_clock.py: asyncio on a virtual clock; the seed measured the
# elapsed time with time.time(), here the loop's clock says it.)
import asyncio
import functools

from virtual_clock import new_event_loop, now, say


def loop_stop(loop, future):  # the last argument must be the future/task
    loop.stop()


async def work(t):
    say('Start')
    await asyncio.sleep(t)
    say('after {}s stop'.format(t))


def main():
    loop = new_event_loop()
    start = now()
    tasks = asyncio.gather(work(1), work(2))
    tasks.add_done_callback(functools.partial(loop_stop, loop))
    loop.run_forever()
    loop.close()
    print('elapsed: {:.1f}s'.format(now() - start))


if __name__ == '__main__':
    main()
