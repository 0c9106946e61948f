# Rebinding a name to another object releases its reference to the old one.
# profiles: all
import sys
a = [1, 2, 3]
b = a
print(sys.getrefcount(b))
a = 1
print(sys.getrefcount(b))
