# Each slot of a container that holds an object is one reference to it.
# profiles: all
import sys
a = [1, 2, 3]
print(sys.getrefcount(a))
b = [a, a]
print(sys.getrefcount(a))
print(sys.getrefcount(b))
