# del on an index or slice removes items; the list shrinks and later items move down.
l = list(range(6))
del l[0]
print(l)  # expect: [1, 2, 3, 4, 5]
del l[::2]
print(l)  # expect: [2, 4]
del l[:]
print(l)  # expect: []
