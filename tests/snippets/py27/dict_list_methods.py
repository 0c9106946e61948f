# Python 2: keys(), values() and items() build lists; has_key, the iter* methods and the
# view* methods; sets print as set([...]).
# profiles: 2.7
d = {1: "a", 2: "b"}
print d.keys(), d.values(), d.items()
print type(d.keys()).__name__, d.has_key(1), d.has_key(3)
print list(d.iterkeys()), list(d.itervalues()), list(d.iteritems())
print d.viewkeys(), d.viewitems() & set([(1, "a")])
print set([1, 2]), frozenset([3]), set(), frozenset()
print hash(frozenset([1, 2])), hash((1, 2))
print dict.fromkeys([1, 2], 0), d.copy() == d, d.popitem(), d.pop(2), d
