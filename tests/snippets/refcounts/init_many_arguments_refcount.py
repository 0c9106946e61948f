# A class called with more arguments than _PyObject_Call_Prepend keeps on the C stack (self and
# four) borrows a PyMem block for them while __init__ runs; the counts are those of fewer.
import sys

class Wide(object):
    def __init__(self, a, b, c, d, e):
        self.seen = (sys.getrefcount(a), sys.getrefcount(e))

o = []
p = []
print(Wide(o, 2, 3, 4, p).seen)
print(Wide(o, 2, 3, d=4, e=p).seen)
print([Wide(o, 2, 3, 4, p).seen for i in range(3)])
