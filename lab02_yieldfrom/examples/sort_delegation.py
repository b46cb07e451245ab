# sort_delegation: the seed's "transfer of control".  The caller sends
# country codes to sup_coro; its `yield from` hands each one straight to
# sub_coro, which collects them.  "CLOSE" ends sub_coro, and its return
# value (the sorted list) becomes the value of the `yield from`.
#
# The seed draws random codes with Faker (pip install faker); fixed lists
# (the ones the seed printed) keep this standard-library only and the
# output the same on every run.
from functools import wraps


# The priming decorator: create, then run to the first yield.
def coroutine(func):
    @wraps(func)
    def wrapper(*args, **kw):
        g = func(*args, **kw)
        next(g)
        return g
    return wrapper


# The subgenerator does the work: collect, then return the sorted list.
def sub_coro():
    sub_list = []
    while True:
        value = yield
        if value == "CLOSE":
            break
        sub_list.append(value)
    return sorted(sub_list)


# The delegating generator only delegates, again and again.  It is primed
# by the decorator; `yield from` primes each sub_coro itself.
@coroutine
def sup_coro():
    while True:
        sup_list = yield from sub_coro()
        print("sorted list ", sup_list)
        print("--------------------------------")


def main():
    nest_country_list = [['KP', 'NR', 'KN'], ['GE', 'MT', 'GN'], ['CY', 'CO', 'AE']]
    for country_list in nest_country_list:
        print("country code list", country_list)
        c = sup_coro()
        for country in country_list:
            c.send(country)     # goes straight through sup_coro to sub_coro
        c.send("CLOSE")


if __name__ == "__main__":
    main()
