# Creating weak references does not change the strong reference count.
import sys
import weakref
class Node:
    pass

n = Node()
before = sys.getrefcount(n)
refs = [weakref.ref(n) for _ in range(3)]
print(sys.getrefcount(n) == before)  # expect: True
print(weakref.getweakrefcount(n))  # expect: 1
