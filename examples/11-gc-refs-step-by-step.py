# How the collector finds garbage: gc_refs = refcount minus the references that come from
# other tracked objects; what no outside reference reaches is garbage.
import gc, sys, weakref

class Node(object):
    pass

gc.collect()
x, y = Node(), Node()
x.peer, y.peer = y, x       # a cycle: x <-> y
z, w = Node(), Node()
z.child = w                 # z -> w; z stays named, w will not
print(sys.getrefcount(x) - 1, sys.getrefcount(w) - 1)
probes = [weakref.ref(o) for o in (x, y, z, w)]
del x, y, w
# 1. gc_refs = refcount:             x 1, y 1, z 1, w 1
# 2. subtract internal references:   x 0, y 0, z 1 (the name z), w 0
# 3. z has gc_refs > 0: a root. Everything it reaches (w) is reachable too.
# 4. What is left (x, y, and their __dict__s before 3.11) is garbage.
print(gc.collect())
print([p() is None for p in probes])
