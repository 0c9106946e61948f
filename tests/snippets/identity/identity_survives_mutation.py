# Mutating a list keeps its identity; `a = a + [...]` builds a new list; `+=` mutates in place.
# profiles: all
a = [1]
start = id(a)
a.append(2)
print(id(a) == start)  # expect: True
a += [3]
print(id(a) == start)  # expect: True
a = a + [4]
print(id(a) == start)  # expect: False
