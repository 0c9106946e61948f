# Keys of user classes hash through __hash__ and compare with __eq__; equal numbers of
# different types share a slot, and an __eq__ that empties the dict restarts the lookup.
class Key(object):
    calls = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        Key.calls += 1
        return isinstance(other, Key) and self.v == other.v
d = {Key(1): "one", 1: "int one", (1, 2): "pair", frozenset([1]): "frozen"}
print(d[Key(1)], d[1.0], d[True], d[(1, 2)], d[frozenset([1])], len(d))
print(Key(2) in d, Key.calls > 0)
class Clearing(object):
    def __hash__(self):
        return 7
    def __eq__(self, other):
        table.clear()
        return False
table = {}
table[Clearing()] = 1
print(Clearing() in table, len(table))
table[Clearing()] = 2
print(len(table))
