# resume: CPython's side of lab01's benchmark (see resume.c); one line
# per workload, "name<TAB>nanoseconds per operation".
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def fibo(n):
    a, b = 0, 1
    while b < n:
        a, b = b, a + b
        yield a


def report(name, seconds, ops):
    print(f"{name}\t{seconds * 1e9 / ops:.2f}")


g = count(n)
t0 = time.perf_counter()
total = 0
for x in g:         # a for loop is next() until StopIteration
    total += x
report("generator next()", time.perf_counter() - t0, n)

g = count(n)
next(g)
t0 = time.perf_counter()
send = g.send
for k in range(1, n):
    total += send(k)
report("generator send()", time.perf_counter() - t0, n - 1)

calls = 0
t0 = time.perf_counter()
while calls < n:
    for x in fibo(1 << 62):
        total += x
        calls += 1
        if calls >= n:
            break
report("fibo state machine step", time.perf_counter() - t0, calls)

m = n // 10
t0 = time.perf_counter()
for k in range(m):
    g = count(2)
    next(g)
    g.close()
report("generator create+next+close+free", time.perf_counter() - t0, m)
