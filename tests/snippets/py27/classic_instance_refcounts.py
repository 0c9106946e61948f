# Creating a classic instance packs the arguments in a tuple, and the bound __init__ copies
# them with self into another: inside __init__ each argument has two references more than a
# plain call gives it. Every instance, and every bound method, holds its class.
# profiles: 2.7
import sys
class A:
    def __init__(self, *args):
        print "init", sys.getrefcount(self), [sys.getrefcount(x) for x in args]
        self.args = args
    def m(self, x):
        return sys.getrefcount(self), sys.getrefcount(x)
o = object()
before = sys.getrefcount(A)
print sys.getrefcount(o)
a = A(o, o)
print sys.getrefcount(a), sys.getrefcount(A) - before, sys.getrefcount(o)
print a.m(o)
bm = a.m
print sys.getrefcount(a), sys.getrefcount(A) - before, bm.im_self is a, bm.im_func is A.__dict__['m']
del bm
b = A()
print sys.getrefcount(A) - before
del a, b
print sys.getrefcount(A) - before, sys.getrefcount(o)
