# lifecycle: the four states of a generator, and send / throw / close.
import inspect


def generator():
    i = "started"
    while True:
        try:
            value = yield i
        except ValueError:
            print("Over")
        i = value


g = generator()
print(inspect.getgeneratorstate(g))
print(next(g))
print(inspect.getgeneratorstate(g))
print(g.send("Hello Generator"))
print(g.throw(ValueError))
g.close()
print(inspect.getgeneratorstate(g))
