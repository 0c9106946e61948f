# Python 2's cmp(), apply() and basestring (the base of str and unicode), and a long literal
# (5L) that stays a long although its value fits an int.
# profiles: 2.7
print cmp(1, 2), cmp(2, 1), cmp(1, 1), cmp("a", "b"), cmp(None, 1), cmp(1, "a"), cmp([1, 2], [1, 3]), cmp((1,), [1]), cmp(1.0, 1)
class A(object):
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __eq__(self, o): return self.v == o.v
print cmp(A(1), A(2)), cmp(A(2), A(2))
print apply(max, [1, 5, 2]), apply(dict, (), {"a": 1}), apply(lambda *a, **k: (a, k), "xy", {"z": 0})
for bad in [lambda: apply(max, 5), lambda: apply(max, [1], [2]), lambda: cmp(1), lambda: apply()]:
    try:
        bad()
    except TypeError as e:
        print e
print isinstance("a", basestring), isinstance(u"a", basestring), isinstance(1, basestring), issubclass(str, basestring)
print str.__mro__, unicode.__bases__, basestring.__bases__, basestring
try:
    basestring()
except TypeError as e:
    print e
import sys
x = 5L
y = 5
print x == y, x is y, type(x), type(y), -5L, 0L, type(-5L), 5L + 1, type(5L + 1), 0x10L, sys.getsizeof(5L), sys.getsizeof(0L)
def f():
    return 7L, 7
print f(), [type(c).__name__ for c in f.__code__.co_consts]
