# A dict iterator holds its dict until it is exhausted; the items iterator hands out the
# same result tuple again when the caller let go of it.
import sys
d = {"a": 1, "b": 2}
before = sys.getrefcount(d)
it = iter(d)
print(sys.getrefcount(d) - before)
list(it)
print(sys.getrefcount(d) - before)
items = iter(d.items())
first = next(items)
first_id = id(first)
del first
second = next(items)
print(id(second) == first_id)
keys = d.keys()
print(sys.getrefcount(d) - before)
del keys
print(sys.getrefcount(d) - before)
value = []
d["v"] = value
print(sys.getrefcount(value))
d.pop("v")
print(sys.getrefcount(value))
