# Two instances that refer to each other: whether their attribute dicts count as separate
# objects depends on the version (3.11+ keeps attributes inline until __dict__ is asked for).
# profiles: all
import gc
class Node(object):
    pass

gc.collect()
a, b = Node(), Node()
a.peer = b
b.peer = a
del a, b
print(gc.collect())
