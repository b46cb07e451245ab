# chain: itertools.chain rebuilt twice, first with nested loops, then with
# delegation (yield from), which replaces the inner loop.
#
# The seed chains the set {'one', 'two'}; a set's order changes from run
# to run (string hashing is randomised), so a list stands in for it here
# and the output is the same every time.
import inspect
from itertools import chain


def chain_yield(*args):
    for iter_obj in args:
        for i in iter_obj:
            yield i


def chain_yield_from(*args):
    for iter_obj in args:
        yield from iter_obj


words = ['one', 'two']          # the seed: {'one', 'two'}
letters = list('ace')

# Both rebuild itertools.chain exactly.
assert list(chain_yield(words, letters)) == list(chain(words, letters))
assert list(chain_yield_from(words, letters)) == list(chain(words, letters))

print('chain_yield (nested loops):   ', ' '.join(chain_yield(words, letters)))
print('chain_yield_from (delegation):', ' '.join(chain_yield_from(words, letters)))

# Stopped half-way: closing the chain closes the iterator it delegates to.
c = chain_yield_from(words, letters)
print('first three:', next(c), next(c), next(c))
c.close()
print('then close():', inspect.getgeneratorstate(c))
