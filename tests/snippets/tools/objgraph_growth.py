# objgraph.show_growth prints the types whose instance counts grew since its last call: name,
# count and increase, widest name first-column aligned; growth() returns the same rows.
# profiles: 3.8+
import objgraph


class Leaf:
    pass


class Tree:
    def __init__(self, n):
        self.leaves = [Leaf() for _ in range(n)]


def mine(o):
    return type(o).__name__ in ('Leaf', 'Tree')


objgraph.show_growth(filter=mine)  # nothing of ours yet: prints nothing
forest = [Tree(4), Tree(5)]
objgraph.show_growth(filter=mine)
# expect: Leaf        9        +9
# expect: Tree        2        +2
forest.append(Tree(2))
print(objgraph.growth(filter=mine))  # expect: [('Leaf', 11, 2), ('Tree', 3, 1)]
del forest[0]
print(objgraph.growth(filter=mine))  # expect: []
