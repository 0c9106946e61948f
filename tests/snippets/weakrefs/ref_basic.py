# A weak reference does not keep its object alive: once the last strong reference goes,
# calling the weakref returns None.
import weakref
class Node:
    pass

n = Node()
r = weakref.ref(n)
print(r() is n)  # expect: True
del n
print(r())  # expect: None
