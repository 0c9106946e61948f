# Some types keep freed objects on a free list: the next object of that type reuses the address.
print(id([]) == id([]))   # the first list is freed before the second is made

a = [1, 2]
old = id(a)
del a
b = [3, 4]
print(id(b) == old)       # the freed list came straight back

x = float("1.5")
old = id(x)
del x
y = float("2.5")
print(id(y) == old)       # floats too

item = "x"
t = (item, item, item)
old = id(t)
del t
u = (item, item)
print(id(u) == old)       # tuples: one free list per length, so a 2-tuple does not get it
v = (item, item, item)
print(id(v) == old)       # a 3-tuple does
