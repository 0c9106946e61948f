# Reference cycles: pairs of lists and self-referencing instances that only the cycle collector
# frees; automatic collections run as the allocation count passes the threshold.
import gc

class Node:
    def __init__(self):
        self.other = self

made = 0
for i in range(100000):
    a = []
    b = [a]
    a.append(b)
    n = Node()
    made += 3
gc.collect()
print(made)
