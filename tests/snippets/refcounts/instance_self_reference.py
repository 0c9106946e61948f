# An instance storing itself as an attribute references itself (a one-object cycle).
import sys

class Node:
    pass

n = Node()
print(sys.getrefcount(n))
n.me = n
print(sys.getrefcount(n))
del n.me
print(sys.getrefcount(n))
