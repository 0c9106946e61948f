# Two objects that point at each other keep both counts above zero: only gc.collect() frees them.
import gc, sys, weakref

class Node(object):
    pass

gc.collect()                # start from a clean slate
a, b = Node(), Node()
a.other, b.other = b, a     # a cycle
print(sys.getrefcount(a) - 1)   # the name a and b.other
probe = weakref.ref(a)      # watches a without keeping it alive
del a, b                    # no name reaches the cycle any more...
print(probe() is None)      # ...but refcounting cannot free it
print(gc.collect())         # the collector finds the unreachable objects
print(probe() is None)

me = []
me.append(me)               # a list that contains itself is a cycle too
print(sys.getrefcount(me) - 1)
