# A ring of instances with __slots__ (no instance dict): only the instances are collected.
import gc
class Node:
    __slots__ = ("next",)
gc.collect()
head = node = Node()
for i in range(29):
    node.next = Node()
    node = node.next
node.next = head
del head, node
print(gc.collect())
