# async_with: the seed's CustomContextManager (its __aenter__ and
# __aexit__ each await), then `async with sem:` on a Semaphore(2) with
# four holders: two at a time.  (virtual_clock.py: a virtual clock.)
import asyncio

from virtual_clock import run, say


class CustomContextManager:
    async def __aenter__(self):
        say('>entering the context manager')
        await asyncio.sleep(0.5)

    async def __aexit__(self, exc_type, exc, tb):
        say('>exiting the context manager')
        await asyncio.sleep(0.5)


async def holder(sem, name):
    async with sem:
        say(f'{name} in')
        await asyncio.sleep(1 + 0.1 * (ord(name) - ord('a')))
    say(f'{name} out')


async def main():
    say('before the context manager')
    async with CustomContextManager():
        say('within the manager')
    say('after the context manager')
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(holder(sem, n) for n in 'abcd'))


if __name__ == '__main__':
    run(main())
