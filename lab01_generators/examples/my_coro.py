# my_coro: values go in through send() and come out through yield; the
# return value comes out in StopIteration.
def my_coro():
    print('-> coroutine started')
    x = yield 'foo'
    print('-> received x =', x)
    y = yield 'bar'
    print('-> received y =', y)
    return x + y


coro = my_coro()
print(next(coro))
print(coro.send(1))
try:
    coro.send(2)
except StopIteration as e:
    print('returned', e.value)
