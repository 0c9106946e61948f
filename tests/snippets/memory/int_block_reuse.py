# A freed int's memory block is reused by the next int of the same size.
x = int("100000")
old = id(x)
del x
y = int("200000")
print(id(y) == old)
z = int("300000")
print(id(y) == id(z))
