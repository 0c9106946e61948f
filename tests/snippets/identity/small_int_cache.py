# Integers from -5 to 256 are cached: every 256 is the same object, but two 257s
# computed at run time are two objects (built with int() so constants cannot be shared).
# profiles: all
a = int("256")
b = int("256")
print(a is b)  # expect: True
c = int("257")
d = int("257")
print(c is d)  # expect: False
print(c == d)  # expect: True
