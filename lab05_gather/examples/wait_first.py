# wait_first: the seed's asyncio.wait(..., return_when=FIRST_COMPLETED) on
# wait("A", 3) (which raises EOFError at once), wait("B", 2), wait("C", 1).
# The seed passes the coroutines themselves: Python 3.11 refuses that
# ("Passing coroutines is forbidden"), so they are tasks here.  wait
# returns the two sets and cancels nothing: B and C go on.
import asyncio

from virtual_clock import run, say


async def wait(name, times):
    if name == "A":
        raise EOFError
    say(f"{name} waits {times}s")
    await asyncio.sleep(times)
    say(f"{name} done")
    return times


async def main():
    tasks = {name: asyncio.create_task(wait(name, t), name=name)
             for name, t in (("A", 3), ("B", 2), ("C", 1))}
    done, pending = await asyncio.wait(tasks.values(), return_when=asyncio.FIRST_COMPLETED)
    say("done: " + " ".join(sorted(t.get_name() for t in done)) +
        "; pending: " + " ".join(sorted(t.get_name() for t in pending)))
    say("A raised " + type(tasks["A"].exception()).__name__)
    await asyncio.sleep(5)
    say("end")


if __name__ == "__main__":
    run(main())
