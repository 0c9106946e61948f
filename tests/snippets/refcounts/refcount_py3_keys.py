# Dict views and iterators hold a reference to their dict.
import sys
d = {1: 2}
print(sys.getrefcount(d))
keys = d.keys()
it = iter(d)
print(sys.getrefcount(d))
del keys, it
print(sys.getrefcount(d))
