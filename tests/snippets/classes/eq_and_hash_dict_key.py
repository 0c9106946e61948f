# With matching __eq__ and __hash__, an equal new instance finds the same dict entry.
class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __hash__(self):
        return hash(self.v)

d = {Key(1): "one"}
print(d[Key(1)])  # expect: one
print(Key(2) in d)  # expect: False
print(len({Key(1), Key(1)}))  # expect: 1
