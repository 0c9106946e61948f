# Tuples are recycled per length: a freed 3-tuple is reused by the next 3-tuple.
t = tuple([1, 2, 3])
old = id(t)
del t
u = tuple([4, 5, 6])
print(id(u) == old)
del u
v = tuple([7, 8])
print(id(v) == old)
