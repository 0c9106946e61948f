# A class derived from weakref.ref is never the shared basic ref; it can carry its own fields.
import weakref
class Node:
    pass

class Tagged(weakref.ref):
    __slots__ = ("tag",)

n = Node()
t = Tagged(n)
t.tag = "first"
print(t() is n, t.tag)  # expect: True first
print(t is weakref.ref(n), isinstance(t, weakref.ref))  # expect: False True
print(weakref.getweakrefcount(n))  # expect: 1
del n
print(t() is None, t.tag)  # expect: True first
