# async_for: the seed's Reader, whose __anext__ awaits a readline and
# ends with StopAsyncIteration: here the lines come from a pipe (the
# numbers 1 to 99 written in one go, then the end of the file), read by
# the loop when the pipe is readable.  Prints 1 to 99, like the seed.
import asyncio
import os

from virtual_clock import run


class Reader:
    def __init__(self, stream):
        self.stream = stream

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.stream.readline()
        if not line:
            raise StopAsyncIteration
        return int(line)


async def main():
    r, w = os.pipe()
    os.write(w, "".join(f"{i}\n" for i in range(1, 100)).encode())
    os.close(w)
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader()
    transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(stream), os.fdopen(r, "rb"))
    async for item in Reader(stream):
        print(item)
    transport.close()


if __name__ == "__main__":
    run(main())
