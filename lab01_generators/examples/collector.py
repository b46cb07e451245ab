# collector: a coroutine that collects what it is sent and, when sent
# 'CLOSE', returns the list: the return value travels in StopIteration.
from functools import wraps


def coroutine(func):
    @wraps(func)
    def wrapper(*args, **kw):
        g = func(*args, **kw)
        next(g)
        return g
    return wrapper


@coroutine
def generator():
    l = []
    while True:
        value = yield
        if value == 'CLOSE':
            break
        l.append(value)
    return l


g = generator()
g.send('hello')
g.send('coroutine')
try:
    g.send('CLOSE')
except StopIteration as e:
    print('StopIteration:', e.value)

# The same, catching StopIteration in a loop.
g = generator()
for i in ('hello', 'coroutine', 'CLOSE'):
    try:
        g.send(i)
    except StopIteration as e:
        value = e.value
        print('END')
print(value)

# Closed before 'CLOSE': the list is dropped, nothing is returned.
g = generator()
g.send('lost')
g.close()
print('closed early')
