# The order __del__ runs in along a chain of 120 instances freed at once: outermost first, the
# same whether the trashcan defers the deeper part of the chain or not (3.6 runs the deferred
# part later, hence 3.8+).
# profiles: 3.8+
class Node(object):
    def __init__(self, n, inner):
        self.n = n
        self.inner = inner
    def __del__(self):
        order.append(self.n)
order = []
head = None
for i in range(120):
    head = Node(i, head)
head = None
print(len(order), order[:5], order[45:60], order[-5:])
