# A suspended generator's frame holds its arguments, locals and loop iterator until it finishes.
import sys

def walk(items):
    copy = items
    for item in items:
        yield item

data = [1, 2]
print(sys.getrefcount(data))
g = walk(data)
print(sys.getrefcount(data))
next(g)
print(sys.getrefcount(data))
print(list(g))
print(sys.getrefcount(data))
