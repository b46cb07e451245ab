# gather_hello: the seed's hello1, hello2 and hello3 (3 s, 2 s, 4 s)
# gathered: they run at the same time, 4 s in all, and the results come
# in argument order.  (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import now, run, say


async def hello1(a, b):
    say("Hello world 01 begin")
    await asyncio.sleep(3)
    say("Hello again 01 end")
    return a + b


async def hello2(a, b):
    say("Hello world 02 begin")
    await asyncio.sleep(2)
    say("Hello again 02 end")
    return a - b


async def hello3(a, b):
    say("Hello world 03 begin")
    await asyncio.sleep(4)
    say("Hello again 03 end")
    return a * b


async def main():
    results = await asyncio.gather(hello1(10, 5), hello2(10, 5), hello3(10, 5))
    for result in results:
        print(result)
    print("took {:.1f} s".format(now()))


if __name__ == "__main__":
    run(main())
