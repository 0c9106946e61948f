# oracle: 64-bit
# profiles: 3.8+
# A generator's frame has one slot per local and per item of its deepest stack (co_stacksize).
import sys

def call(x):
    yield len(x)

def method(x):
    yield x.count(1)

def keywords(x):
    yield dict(a=x)

def loop(x):
    for i in x:
        yield [i, i + 1]

def delegate(x):
    r = yield from loop(x)
    yield r

for f in (call, method, keywords, loop, delegate):
    g = f([1])
    print(f.__name__, sys.getsizeof(g.gi_frame), sys.getsizeof(g))
