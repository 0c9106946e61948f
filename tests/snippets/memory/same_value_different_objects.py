# Two equal ints outside the cache made at run time are two objects with two ids, while both live.
a = int("5000")
b = int("5000")
print(a == b)  # expect: True
print(id(a) == id(b))  # expect: False
c = a
print(id(c) == id(a))  # expect: True
