# sync: CPython's side of lab05's Queue and Semaphore benchmark (see
# sync.c): a Queue ping-pong of N messages, and N / 100 tasks (at least
# 1,000) through a Semaphore of 100.  One line per workload,
# "name<TAB>ns per item<TAB>bytes per item" (grader/scripts/co_bench.py).
#   python3 sync.py [N] [--uvloop]
import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "grader", "scripts"))
import co_bench  # noqa: E402

n, new_loop = co_bench.args()
users = max(n // 100, 1000)
rounds = n // 2


async def ping(q1, q2):
    for i in range(rounds):
        await q1.put(i)
        await q2.get()


async def pong(q1, q2):
    for _ in range(rounds):
        v = await q1.get()
        await q2.put(v)


async def pingpong():
    q1, q2 = asyncio.Queue(), asyncio.Queue()
    a = asyncio.ensure_future(ping(q1, q2))
    b = asyncio.ensure_future(pong(q1, q2))
    await a
    await b
    assert q1.empty() and q2.empty()


loop = new_loop()
asyncio.set_event_loop(loop)
rss0 = co_bench.peak_reset()
t0 = co_bench.cpu()
loop.run_until_complete(pingpong())
t1 = co_bench.cpu()
co_bench.report("Queue ping-pong, per message (an awaited put and get)", t0, t1,
                2 * rounds, rss0)
loop.close()

left = users


async def user(sem, all_done):
    global left
    async with sem:
        await asyncio.sleep(0)
    left -= 1
    if left == 0:
        all_done.set_result(None)


loop = new_loop()
asyncio.set_event_loop(loop)
rss0 = co_bench.peak_reset()
t0 = co_bench.cpu()
sem = asyncio.Semaphore(100)
all_done = loop.create_future()
tasks = [loop.create_task(user(sem, all_done)) for _ in range(users)]
loop.run_until_complete(all_done)
assert all(t.done() for t in tasks) and sem._value == 100
del tasks
t1 = co_bench.cpu()
co_bench.report("tasks through a Semaphore of 100 (async with: sleep(0)), per task",
                t0, t1, users, rss0)
loop.close()
