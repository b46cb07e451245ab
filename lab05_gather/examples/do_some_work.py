# do_some_work: the seed's ten tasks of do_some_work(i), with callbacks
# scheduled by call_soon between them.  The seed calls
# loop.run_until_complete() inside main, on the loop that is already
# running main: RuntimeError "This event loop is already running".  What
# it means is an await: the loop runs the tasks and the callbacks while
# main sleeps.  (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import run, say


async def do_some_work(i):
    say(f"Working {i}")
    await asyncio.sleep(1)


async def main():
    tasks = [asyncio.create_task(do_some_work(i)) for i in range(10)]
    loop = asyncio.get_running_loop()
    for _ in range(3):
        loop.call_soon(lambda: say("Scheduled..."))
        await asyncio.sleep(0.25)       # the seed: loop.run_until_complete(sleep(.1))
    await asyncio.gather(*tasks)
    say("Done!")


if __name__ == "__main__":
    run(main())
