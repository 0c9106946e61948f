# objgraph.get_leaking_objects(objects) keeps the objects of the list that no object of the list
# refers to (the roots of its graph); objgraph.at(id) finds a tracked object by its id().
# profiles: 3.8+
import objgraph

leaf = [1]
branch = [leaf]
tree = {'branch': branch}
alone = []
roots = objgraph.get_leaking_objects([leaf, branch, tree, alone])
print(len(roots), roots[0] is tree, roots[1] is alone)  # expect: 2 True True
print(objgraph.at(id(tree)) is tree)  # expect: True
print(objgraph.at(id(12345)))  # expect: None
print(objgraph.at_addrs({id(leaf), id(alone)}) in ([leaf, alone], [alone, leaf]))  # expect: True
