# ten_hello: the seed's ten tasks of hello1(10, 5) gathered: all ten wait
# their 3 s at the same time, 3 s in all.  (The seed passes the list
# itself, gather(tasks), which is a TypeError: it means gather(*tasks).)
import asyncio

from virtual_clock import now, run, say


async def hello1(a, b):
    say("Hello world 01 begin")
    await asyncio.sleep(3)
    say("Hello again 01 end")
    return a + b


async def main():
    tasks = [asyncio.ensure_future(hello1(10, 5)) for i in range(10)]
    results = await asyncio.gather(*tasks)
    print(results)
    print("took {:.1f} s".format(now()))


if __name__ == "__main__":
    run(main())
