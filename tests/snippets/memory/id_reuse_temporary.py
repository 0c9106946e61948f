# A temporary list is freed right after id() reads it, so the next one reuses its memory:
# two ids of dead objects may be equal.
# profiles: all
print(id([]) == id([]))
print(id(object()) == id(object()))
a = []
print(id(a) == id([]))
