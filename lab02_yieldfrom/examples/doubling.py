# doubling: the seed's gen/subgen.  The seed ends with
#     print("Result:", g.send(None))
# and claims it prints "Subgenerator done" and "Result: None".  It does
# not: send(None) reaches subgen, where `(yield) * 2` is None * 2, a
# TypeError that comes out of subgen, through gen, to the caller.  Part 1
# shows what CPython really does; parts 2 and 3 are two ways to write
# what the seed meant.
import inspect


def gen():
    result = yield from subgen()
    return result


def subgen():
    try:
        while True:
            newval = (yield) * 2
            print("Received:", newval)
    except GeneratorExit:
        print("Subgenerator done")


print("-- the seed, as CPython runs it")
g = gen()
next(g)             # primes gen, and through it subgen
g.send(10)          # goes straight to subgen
g.send(20)
try:
    print("Result:", g.send(None))
except TypeError as e:
    print("g.send(None) raised TypeError:", e)
print("g is", inspect.getgeneratorstate(g))

print("-- fixed with close(): GeneratorExit closes subgen first")
g = gen()
next(g)
g.send(10)
g.send(20)
g.close()
print("g is", inspect.getgeneratorstate(g))


# What the seed wanted to show: a result coming back through yield from.
def subgen_total():
    total = 0
    while True:
        value = yield
        if value is None:
            return total
        newval = value * 2
        print("Received:", newval)
        total += newval


def gen_total():
    result = yield from subgen_total()
    return result


print("-- fixed with a result: subgen returns its total on None")
g = gen_total()
next(g)
g.send(10)
g.send(20)
try:
    g.send(None)
except StopIteration as e:
    print("Result:", e.value)
