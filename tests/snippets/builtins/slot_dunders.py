# The dunders of built-in types' slots, read as attributes: each is a method-wrapper bound to the
# object (CPython finds the slot wrapper in the type's dict). 2.7's int and object have no __eq__
# (they compare through __cmp__); no type has a __len__ it does not implement.
from __future__ import print_function
x = [1, 2]
print(x.__len__(), x.__getitem__(1), x.__contains__(2))
print(type(x.__len__).__name__)
print("ab".__len__(), {1: 2}.__getitem__(1), (3, 4).__len__())
print("a".__lt__("b"), [1].__eq__([1]), (2.5).__eq__(2.5))
it = x.__iter__()
print(it.__next__() if hasattr(it, "__next__") else it.next(), next(it))
class A(object):
    pass
a = A()
print(hasattr(a, "__eq__"), type(a.__repr__).__name__)
if hasattr(a, "__eq__"):
    print(a.__eq__(a), a.__ne__(a))
print(hasattr(x, "__len__"), hasattr(1, "__len__"), hasattr(1, "__eq__"))
try:
    (1).__len__
except AttributeError as e:
    print(e)
