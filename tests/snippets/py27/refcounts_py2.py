# sys.getrefcount in Python 2: the same rules as in Python 3.
# profiles: 2.7
import sys
a = [1, 2, 3]
print sys.getrefcount(a)
b = [a, a]
print sys.getrefcount(a)
del b
print sys.getrefcount(a)
