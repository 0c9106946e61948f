# oracle: 64-bit
# profiles: 3.8+
# A generator is one block from 3.11 (its frame inside); before, a frame object comes with it.
import sys

def g0():
    yield 1

def g5(x):
    a = b = c = d = e = x
    yield a

def calls(x):
    yield len(x)

g = g0()
print(sys.getsizeof(g), sys.getsizeof(g5(1)), sys.getsizeof(calls([])))
print(sys.getsizeof(g.gi_frame))
print(sys.getsizeof(x for x in [1]))
