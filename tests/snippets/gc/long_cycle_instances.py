# A ring of ordinary instances: what a collection reports includes their __dict__s where
# the version keeps them as separate objects.
import gc
class Node:
    pass
gc.collect()
head = node = Node()
for i in range(9):
    node.next = Node()
    node = node.next
node.next = head
del head, node
print(gc.collect())
