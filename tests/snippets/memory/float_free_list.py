# Freed floats go to a free list; the next float reuses the most recently freed one.
x = float("1.5")
old = id(x)
del x
y = float("2.5")
print(id(y) == old)
z = float("3.5")
print(id(z) == old)
