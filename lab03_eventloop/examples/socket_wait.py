# socket_wait: switching on I/O for real.  A task waits until a socket is
# readable; timers write to the other end at 0.5 s and 1.5 s.
# (virtual_clock.py: asyncio on a virtual clock; sockets are real.)
import socket

from virtual_clock import new_event_loop, say


async def reader(loop, sock):
    for _ in range(2):
        say('reader: waiting for data')
        data = await loop.sock_recv(sock, 100)
        say('reader: got ' + data.decode())


def writer(sock, text):
    sock.send(text.encode())
    say('writer: sent ' + text)


def main():
    a, b = socket.socketpair()
    a.setblocking(False)
    loop = new_event_loop()
    loop.call_later(0.5, writer, b, 'ping')
    loop.call_later(1.5, writer, b, 'pong')
    loop.run_until_complete(reader(loop, a))
    loop.close()
    a.close()
    b.close()


if __name__ == '__main__':
    main()
