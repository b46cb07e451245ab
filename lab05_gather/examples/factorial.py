# factorial: the seed's gather of factorial("error"), A(2), B(3), C(4),
# under both settings of return_exceptions.  False: the first exception
# reaches the awaiting task at once, and the others keep running (here
# main waits for them to finish, to show it).  True: the exception takes
# its place among the results.  (virtual_clock.py: a virtual clock.)
# Each task steps at its own pace (A 1.0 s, B 1.1 s, C 1.2 s): CPython's
# timer heap runs timers due at the same moment in no fixed order, the C
# loop in scheduling order, so equal deadlines would print differently.
import asyncio

from virtual_clock import run, say


async def factorial(name, number):
    if name == "error":
        say(f"task {name}: raises EOFError")
        raise EOFError
    f = 1
    for i in range(2, number + 1):
        say(f"task {name}: factorial({number}), i={i}...")
        await asyncio.sleep(1 + 0.1 * (ord(name) - ord("A")))
        f *= i
    say(f"task {name}: {number}! = {f}")
    return f


async def main(return_exceptions):
    print(f"-- return_exceptions={return_exceptions}")
    try:
        results = await asyncio.gather(
            factorial("error", None), factorial("A", 2), factorial("B", 3),
            factorial("C", 4), return_exceptions=return_exceptions)
        print("results:", ", ".join(type(r).__name__ + "()" if isinstance(r, BaseException)
                                    else str(r) for r in results))
    except EOFError:
        say("main: gather raised EOFError")
        await asyncio.sleep(5)      # A, B and C were not cancelled
    say("main: end")


if __name__ == "__main__":
    run(main(False))
    run(main(True))
