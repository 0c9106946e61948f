# A weakref callback runs when the referent dies, receiving the (now dead) weakref.
import weakref
class Node:
    pass

def gone(ref):
    print("callback, referent is", ref())

n = Node()
r = weakref.ref(n, gone)
print("deleting")  # expect: deleting
del n  # expect: callback, referent is None
print("after")  # expect: after
