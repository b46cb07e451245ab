# resume: CPython's side of lab01's benchmark (see resume.c); one line
# per workload, "name<TAB>nanoseconds per operation".
import sys
import time

if "--uvloop" in sys.argv:   # no event loop here: nothing for uvloop to run
    sys.exit(0)
args = [a for a in sys.argv[1:] if not a.startswith("-")]
n = int(args[0]) if args else 2_000_000


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
t0 = time.process_time()
total = 0
for x in g:         # a for loop is next() until StopIteration
    total += x
report("generator next()", time.process_time() - t0, n)

g = count(n)
next(g)
t0 = time.process_time()
send = g.send
for k in range(1, n):
    total += send(k)
report("generator send()", time.process_time() - t0, n - 1)

calls = 0
t0 = time.process_time()
while calls < n:
    for x in fibo(1 << 62):
        total += x
        calls += 1
        if calls >= n:
            break
report("fibo state machine step", time.process_time() - t0, calls)

m = n // 10
t0 = time.process_time()
for k in range(m):
    g = count(2)
    next(g)
    g.close()
report("generator create+next+close+free", time.process_time() - t0, m)
