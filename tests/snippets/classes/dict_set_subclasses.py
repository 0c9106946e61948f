# Subclasses of dict, set and frozenset: __missing__ answers for absent keys, instances get a
# __dict__, and operators on them return plain sets.
class D(dict):
    def __missing__(self, key):
        return key * 2
d = D(a=1)
print(d["a"], d[5], len(d), type(d).__name__, d, isinstance(d, dict), 5 in d)
print(d.get(5), type(d.copy()).__name__)
class Counter(dict):
    pass
c = Counter()
c["x"] = 1
c.attr = 5
print(c, c.attr, c == {"x": 1})
class S(set):
    pass
s = S([1, 2])
print(s, len(s), type(s | {3}).__name__, type(s.copy()).__name__, 1 in s)
class F(frozenset):
    pass
f = F([1])
print(f, hash(f) == hash(frozenset([1])), type(f.copy()).__name__)
