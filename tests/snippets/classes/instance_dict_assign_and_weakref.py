# Replacing an instance's __dict__, copying it and taking a weak reference: the attributes follow
# the new dict, and the instance's size does not change.
# oracle: 64-bit
import sys, copy, weakref
class Box:
    def __init__(self):
        self.a = 1
        self.b = 2

x = Box()
before = sys.getsizeof(x)
x.__dict__ = {"c": 3}
print(x.c, hasattr(x, "a"), sys.getsizeof(x) == before, vars(x))
y = copy.copy(Box())
print(sorted(vars(y)), y.a, y.b)
r = weakref.ref(y)
print(r() is y, sys.getsizeof(y) == before)
d = dict(vars(Box()))
print(d, sys.getsizeof(d))
