# crawler: the seeds' crawler comparison, on loopback (see crawler.c).  A
# small HTTP/1.1 server (its own thread, 127.0.0.1, an ephemeral port)
# answers each request PAGE_DELAY seconds after it came in; 100 pages are
# fetched one after the other, by a ThreadPoolExecutor of 10, and by 100
# coroutines on asyncio streams.  Prints what every run prints alike;
# with the argument `times` also the times and speed-ups.
import asyncio
import socket
import socketserver
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PAGES = 100
POOL_THREADS = 10
PAGE_DELAY = 0.05


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        req = self.request.recv(512).decode()
        path = req.split()[1]
        time.sleep(PAGE_DELAY)
        self.request.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(path)}\r\n"
                             f"Connection: close\r\n\r\n{path}".encode())


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def request(i):
    return f"GET /page/{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()


def is_page(resp, i):
    head, _, body = resp.partition(b"\r\n\r\n")
    return body == f"/page/{i}".encode()


def fetch_blocking(port, i):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(request(i))
        chunks = []
        while chunk := s.recv(512):
            chunks.append(chunk)
    return is_page(b"".join(chunks), i)


async def fetch(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request(i))
    resp = await reader.read()
    writer.close()
    await writer.wait_closed()
    return is_page(resp, i)


async def crawl(port):
    return sum(await asyncio.gather(*(fetch(port, i) for i in range(PAGES))))


def main():
    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    t0 = time.monotonic()
    ok0 = sum(fetch_blocking(port, i) for i in range(PAGES))
    t1 = time.monotonic()
    with ThreadPoolExecutor(POOL_THREADS) as pool:
        ok1 = sum(pool.map(lambda i: fetch_blocking(port, i), range(PAGES)))
    t2 = time.monotonic()
    ok2 = asyncio.run(crawl(port))
    t3 = time.monotonic()
    server.shutdown()
    server.server_close()
    print(f"sequential:    {ok0} of {PAGES} pages")
    print(f"thread pool:   {ok1} of {PAGES} pages")
    print(f"coroutines:    {ok2} of {PAGES} pages")
    print("coroutines at least 10x faster than sequential:",
          "yes" if t1 - t0 >= 10 * (t3 - t2) else "no")
    if "times" in sys.argv[1:]:  # the setting first: bench.sh prints the floors from it
        print(f"times: {PAGES} pages, each answered {PAGE_DELAY * 1000:.0f} ms late; "
              f"a pool of {POOL_THREADS} threads")
        print(f"times: sequential {t1 - t0:.3f} s, thread pool {t2 - t1:.3f} s "
              f"(x{(t1 - t0) / (t2 - t1):.1f}), coroutines {t3 - t2:.3f} s "
              f"(x{(t1 - t0) / (t3 - t2):.1f})")


if __name__ == "__main__":
    main()
