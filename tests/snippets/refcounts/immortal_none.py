# 3.12 made None, True, False and the small ints immortal: getrefcount reports a fixed
# value and adding references does not change it.
# profiles: 3.12, 3.13
import sys
print(sys.getrefcount(None))
print(sys.getrefcount(True))
print(sys.getrefcount(1))
print(sys.getrefcount(None) == sys.getrefcount(1))
