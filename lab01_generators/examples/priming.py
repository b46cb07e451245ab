# priming: a decorator that runs a new generator to its first yield, so
# that it can be sent values straight away.
import inspect
from functools import wraps


def coroutine(func):
    @wraps(func)
    def wrapper(*args, **kw):
        g = func(*args, **kw)
        next(g)  # prime it
        return g
    return wrapper


@coroutine
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
print(g.send("no next() needed"))
g.close()
print(inspect.getgeneratorstate(g))
