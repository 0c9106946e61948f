# Without a callback, weakref.ref(obj) hands back the same weakref object each time;
# with a callback you get a new one.
import weakref
class Node:
    pass

n = Node()
r1 = weakref.ref(n)
r2 = weakref.ref(n)
print(r1 is r2)  # expect: True
r3 = weakref.ref(n, lambda r: None)
print(r3 is r1)  # expect: False
print(weakref.getweakrefcount(n))  # expect: 2
print(r1 == r3)  # expect: True
