# a, b = b, a builds a tuple on the right first, so the swap needs no temporary name.
a = [1]
b = [2]
a, b = b, a
print(a, b)  # expect: [2] [1]
x, (y, z) = 1, (2, 3)
print(x + y + z)  # expect: 6
