# A class extending list: its instances are lists (items, methods, slicing, sorting, copying) with a
# __dict__ or __slots__ of their own; the class's dunders override the list's. Sizes are list.__sizeof__'s
# (the class's basic size plus the items block), shown against a plain list's.
# profiles: all
# oracle: 64-bit
from __future__ import print_function
import sys, gc
class L(list):
    def total(self):
        return sum(self)
l = L([1, 2, 3])
l.append(4)
print(l, l.total(), len(l), type(l).__name__, isinstance(l, list), type(l) is list)
print(sys.getsizeof(L()) - sys.getsizeof([]), sys.getsizeof(l) - sys.getsizeof(L()))
l.x = 5
print(l.x, l.__dict__, l[1], l[1:3], type(l[1:3]).__name__, l + [5], type(l + [5]).__name__)
print(sys.getrefcount(l), gc.is_tracked(l), L.__mro__ if sys.version_info[0] > 2 else L.__mro__)
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2)
print(s.peek(), s.pop(), s, len(s), bool(s), bool(Stack()))
class G(list):
    def __getitem__(self, i):
        return "item %r" % (i,)
    def __len__(self):
        return 42
g = G([1, 2])
print(g[0], len(g), list(g), [x for x in g], g == [1, 2], repr(g))
class Init(list):
    def __init__(self, n):
        list.__init__(self, range(n))
        self.n = n
i = Init(3)
print(i, i.n)
class Slotted(list):
    __slots__ = ('a',)
sl = Slotted([1])
sl.a = 2
print(sl, sl.a, sys.getsizeof(sl) - sys.getsizeof(list([1])))
l2 = L(x * x for x in range(5))
l2.sort(reverse=True)
print(l2, sorted(l2), l2.index(9), l2.count(1), L([3]) * 2, [1] + L([2]))
del l, l2
print(gc.collect() >= 0)
import copy
c = copy.copy(L([1, [2]]))
print(type(c).__name__, c)
d = copy.deepcopy(Init(2))
print(type(d).__name__, d, d.n)
