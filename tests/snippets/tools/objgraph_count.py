# objgraph.count and objgraph.by_type find a class's instances among the objects the collector
# tracks, by short or module-qualified type name; they are gone once nothing refers to them.
# profiles: 3.8+
import objgraph


class Node:
    def __init__(self, name):
        self.name = name


nodes = [Node(i) for i in range(3)]
print(objgraph.count('Node'))  # expect: 3
print(objgraph.count('__main__.Node'))  # expect: 3
print(objgraph.count('Node', [nodes[0], nodes, 'Node']))  # expect: 1
found = objgraph.by_type('Node')
print(sorted(n.name for n in found))  # expect: [0, 1, 2]
del nodes, found
print(objgraph.count('Node'), objgraph.by_type('Node'))  # expect: 0 []
