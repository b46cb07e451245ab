# run_coroutine_threadsafe: the seed's loop running in another thread,
# given func(3), func(2), func(1) with run_coroutine_threadsafe.  The
# seed's output interleaves two threads' prints in an order nobody
# controls; here only the main thread prints, each result after it came
# back through its concurrent.futures.Future, so every run prints the
# same.  The loop runs on the virtual clock in its own thread.
import asyncio
import socket
import threading

from virtual_clock import new_event_loop, now


async def func(num):
    await asyncio.sleep(num)
    return f"func({num}) done at t={now():.1f}"


def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()


def main():
    new_loop = new_event_loop()
    # A descriptor nobody writes: while it waits for the next submission,
    # the virtual-clock loop sleeps in select() instead of giving up.
    quiet, _other = socket.socketpair()
    new_loop.add_reader(quiet, lambda: None)
    # All three are handed over before the loop starts, so that it makes
    # the three tasks in one iteration: a virtual clock that jumps when
    # idle would otherwise jump past a submission still on its way.
    futures = [asyncio.run_coroutine_threadsafe(func(n), new_loop) for n in (3, 2, 1)]
    t = threading.Thread(target=start_loop, args=(new_loop,))
    t.start()
    for f in futures:
        print(f.result(timeout=60))
    new_loop.call_soon_threadsafe(new_loop.stop)
    t.join()
    new_loop.remove_reader(quiet)
    new_loop.close()
    quiet.close()
    _other.close()


if __name__ == "__main__":
    main()
