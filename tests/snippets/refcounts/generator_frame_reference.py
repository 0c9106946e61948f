# A generator's frame keeps its arguments alive until the generator finishes.
import sys

def gen(x):
    yield 1

a = []
g = gen(a)
print(sys.getrefcount(a))
print(list(g))
print(sys.getrefcount(a))
