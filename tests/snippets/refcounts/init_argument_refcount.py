# Calling a class packs the arguments into a tuple (a class has no vectorcall), so inside
# __init__ an argument has one reference more than inside a plain function; keywords are
# copied once more (3.x). From 3.13 the second run of the same call site is specialized
# (CALL_ALLOC_AND_ENTER_INIT): no tuple, and the arguments move into __init__'s frame.
import sys

class Point(object):
    def __init__(self, x, y=None):
        self.counts = (sys.getrefcount(x), sys.getrefcount(y))

def plain(x):
    return sys.getrefcount(x)

o = []
p = []
print(plain(o))
print(Point(o).counts[0])
print(Point(o, p).counts)
print(Point(o, y=p).counts)
print(Point(x=o, y=p).counts)
print([Point(o, p).counts for i in range(3)])
