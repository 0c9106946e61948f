# A generator embeds its frame from 3.11, one slot per name: a parameter a closure captures is
# a local and a cell at once, one slot (co_nlocalsplus), as is 3.12's inlined comprehension
# variable that a lambda captures. Up to 3.10 the frame is separate, with a slot for each.
# profiles: 3.6+
# oracle: 64-bit
import sys
def captured(x):
    yield (lambda: x)
def plain(x):
    yield x
def comp(xs):
    yield [lambda: x for x in xs]
def comp_plain(xs):
    yield [x for x in xs]
print(sys.getsizeof(captured(1)) - sys.getsizeof(plain(1)))
print(sys.getsizeof(comp([1])) - sys.getsizeof(comp_plain([1])))
