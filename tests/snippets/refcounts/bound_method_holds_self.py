# A bound method object keeps a reference to its instance.
import sys

class C:
    def m(self):
        pass

c = C()
print(sys.getrefcount(c))
m = c.m
print(sys.getrefcount(c))
print(m.__self__ is c)
del m
print(sys.getrefcount(c))
