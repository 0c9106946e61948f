# A dict holds a reference to each key and each value.
import sys

class Key:
    pass

k = Key()
v = []
d = {k: v}
print(sys.getrefcount(k), sys.getrefcount(v))
d[k] = v
print(sys.getrefcount(k), sys.getrefcount(v))
del d
print(sys.getrefcount(k), sys.getrefcount(v))
