# When an object dies, its weakref callbacks run newest first.
import weakref
class Node:
    pass

n = Node()
refs = [weakref.ref(n, lambda r, i=i: print("callback", i)) for i in range(3)]
del n
print("done")
