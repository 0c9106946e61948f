# A proxy forwards attribute access; after the referent dies, using it raises ReferenceError.
import weakref
class Node:
    def __init__(self):
        self.value = 42

n = Node()
p = weakref.proxy(n)
print(p.value)  # expect: 42
del n
print(p.value)  # expect error: ReferenceError: weakly-referenced object no longer exists
