# Python 2 keeps freed ints in a block free list: a new int reuses the latest freed one.
# profiles: 2.7
x = int("100000")
old = id(x)
del x
y = int("200000")
print id(y) == old
