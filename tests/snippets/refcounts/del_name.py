# `del` removes a name, not the object: the count drops by one, the object lives on.
# profiles: all
import sys
a = [1, 2, 3]
b = a
print(sys.getrefcount(b))
del a
print(sys.getrefcount(b))
