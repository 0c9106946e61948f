# Objects in an unreachable cycle die during gc.collect(); their weakref callbacks run then.
import gc
import weakref
class Node:
    pass

gc.collect()
a, b = Node(), Node()
a.other, b.other = b, a
r = weakref.ref(a, lambda ref: print("a collected"))
del a, b
print("collecting")  # expect: collecting
n = gc.collect()  # expect: a collected
print(n >= 2)  # expect: True
