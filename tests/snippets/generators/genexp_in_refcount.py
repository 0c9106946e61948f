# A generator expression holds an iterator over its first iterable, not the iterable twice.
import sys

data = [1, 2, 3]
print(sys.getrefcount(data))
g = (x for x in data)
print(sys.getrefcount(data))
print(sum(1 for _ in g))
print(sys.getrefcount(data))
print(3 in (x for x in data), 7 in (x for x in data))
a, b, c = (x * 2 for x in data)
print(a, b, c)
