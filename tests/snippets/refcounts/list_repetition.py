# [a] * 5 copies the reference five times; the object is not copied.
import sys
a = []
l = [a] * 5
print(sys.getrefcount(a))
l.append(a)
print(sys.getrefcount(a))
l.clear()
print(sys.getrefcount(a))
