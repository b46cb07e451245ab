# fibo: the seed's generator, iterated by a for loop.
def fibo(n):
    a, b = 0, 1
    while b < n:
        a, b = b, a + b
        yield a


f = fibo(100)
for i in f:
    print(i)

# A for loop hides the StopIteration that ends it; next() shows it.
g = fibo(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration, value:", e.value)
