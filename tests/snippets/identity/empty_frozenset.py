# Whether frozenset() is a singleton changed over CPython's history.
a = frozenset()
b = frozenset([])
print(a is b)
c = frozenset([1]) - frozenset([1])
print(c is a, c == a)
