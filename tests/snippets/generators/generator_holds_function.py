# From 3.11 a generator's frame keeps its function alive (f_funcobj); before, only the code.
import sys

def gen():
    yield 1

print(sys.getrefcount(gen))
g = gen()
print(sys.getrefcount(gen))
next(g)
print(sys.getrefcount(gen))
list(g)
print(sys.getrefcount(gen))
