# wait_for_timeout: asyncio.wait_for(wait(t), 2) for t = 1 and t = 3.  In
# time, it gives the result; too late, it cancels the inner task, waits
# until it has finished cancelling, and only then raises TimeoutError.
import asyncio

from virtual_clock import run, say


async def wait(t):
    say(f"wait({t}) starts")
    try:
        await asyncio.sleep(t)
    except asyncio.CancelledError:
        say(f"wait({t}) is cancelled")
        raise
    return t


async def main():
    for t in (1, 3):
        try:
            say(f"wait_for(wait({t}), 2) gives {await asyncio.wait_for(wait(t), 2)}")
        except asyncio.TimeoutError:
            say(f"wait_for(wait({t}), 2) raised TimeoutError")


if __name__ == "__main__":
    run(main())
