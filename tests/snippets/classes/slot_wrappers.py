# A built-in type's slots as Python reaches them: `object.__init__` and `int.__add__` are slot
# wrappers (wrapper_descriptor), one object each, held by the type; `(1).__add__` binds one to an
# object (method-wrapper, new at each lookup). Classes call object.__init__ and object.__setattr__
# through them.
# profiles: all
from __future__ import print_function
import sys
w = int.__add__
print(w.__name__, w.__objclass__, sys.getrefcount(w))
m = (1).__add__
print(m.__name__, m.__self__, sys.getrefcount(w))
del m
print(sys.getrefcount(w))
print(repr(int.__add__), repr(object.__init__), repr(float.__radd__), repr(list.__add__), repr(list.__len__))
print(repr(dict.__len__), repr(str.__mod__), repr(list.__mul__), repr(list.__rmul__), repr(list.__iadd__))
print(repr(bool.__and__), repr(bool.__add__), repr(list.__hash__), repr(type.__call__))
print(repr((1).__add__)[:32], type(int.__call__).__name__, type(type.__call__).__name__)
print(object.__init__ is object.__init__, int.__add__ is int.__add__, (1).__add__ is (1).__add__)
class A(object):
    pass
print(repr(A.__init__), repr(A.__setattr__), repr(A.__hash__), repr(A.__repr__))
class B(object):
    def __init__(self, x):
        object.__init__(self)
        self.x = x
    def __setattr__(self, k, v):
        object.__setattr__(self, k, v * 2)
b = B(3)
print(b.x, object.__repr__(b)[:10])
print(hasattr(1, '__iadd__'), hasattr([], '__iadd__'), hasattr(1, '__len__'), hasattr("a", '__add__'), hasattr({}, '__add__'))
for f, args in [(object.__init__, ()), (list.__len__, (5,)), (int.__add__, ("a", 1)), (object.__setattr__, (1, 'x', 1))]:
    try:
        f(*args)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
