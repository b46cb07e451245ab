# delegation: CPython's side of lab02's benchmark (see delegation.c); one
# line per workload, "name<TAB>nanoseconds per operation".
import sys
import time

if "--uvloop" in sys.argv:   # no event loop here: nothing for uvloop to run
    sys.exit(0)
args = [a for a in sys.argv[1:] if not a.startswith("-")]
n = int(args[0]) if args else 1_000_000
sys.setrecursionlimit(10_000)       # 100 nested generators, with room to spare


def level(k, n):
    if k == 0:                  # the leaf: count(n)
        for i in range(n):
            yield i
        return None
    return (yield from level(k - 1, n))


def relay(m):
    for k in range(m):
        yield from level(0, 1)


def report(name, ns):
    print(f"{name}\t{ns:.2f}")


def resume_cost(depth, m):
    g = level(depth, m)
    total = 0
    t0 = time.process_time()
    for x in g:
        total += x
    return (time.process_time() - t0) * 1e9 / m


one = resume_cost(1, n)
ten = resume_cost(10, n // 10)
hundred = resume_cost(100, n // 100)
report("yield from, 1 level: next()", one)
report("yield from, 10 levels: next()", ten)
report("yield from, 100 levels: next()", hundred)
report("yield from: each extra level, per next()", max(hundred - one, 0) / 99)

m = n // 10
t0 = time.process_time()
for x in relay(m):
    pass
report("yield from: one whole delegation", (time.process_time() - t0) * 1e9 / m)
