# After del frees a list, the next list of the same kind takes the freed slot (the list free list).
# profiles: all
a = [1, 2]
old = id(a)
del a
b = [3, 4]
print(id(b) == old)
