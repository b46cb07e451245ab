# queue_workers: a producer and two workers around a Queue(maxsize=2).
# The workers wait in get() while the queue is empty, the producer waits
# in put() while it is full; each put wakes the first getter, each get
# the first putter.  A None per worker tells it to stop.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import run, say


async def producer(q):
    for i in range(1, 6):
        await q.put(i)
        say("put {}".format(i))
    for _ in range(2):
        await q.put(None)


async def worker(name, q):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            say("{} stops".format(name))
            return name
        say("{} got {}".format(name, item))
        await asyncio.sleep(1)


async def main():
    q = asyncio.Queue(maxsize=2)
    results = await asyncio.gather(worker("a", q), worker("b", q), producer(q))
    await q.join()
    say("done: {}".format(results[:2]))


if __name__ == "__main__":
    run(main())
