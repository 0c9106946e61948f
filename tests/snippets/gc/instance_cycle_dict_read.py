# A cycle of two instances, one of which had its __dict__ read: the dicts that exist are
# collected too (3.11/3.12 count the one made; 3.13's dict over inline values is not counted).
# profiles: all
import gc
class Node(object):
    pass

gc.collect()
a, b = Node(), Node()
a.peer = b
b.peer = a
a.__dict__
del a, b
print(gc.collect())
