# Ints from -5 to 256 are made once at start-up and shared; any other int is a new object.
a = int("256")     # int() builds its result at run time
b = int("256")
print(a is b)      # both are the cached 256

c = int("257")
d = int("257")
print(c == d, c is d)   # two separate 257 objects

print(int("-5") is int("-5"), int("-6") is int("-6"))
e = 200
f = e + 56
print(f is a)      # arithmetic that lands in the range returns the cached object
print(f + 1 is c)  # outside the range: a fresh object every time
