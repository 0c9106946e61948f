# The loop variable is a reference too, while it is bound.
import sys
a = []
for x in [a]:
    print(sys.getrefcount(a))
print(sys.getrefcount(a))
del x
print(sys.getrefcount(a))
