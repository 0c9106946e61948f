# How a dunder receives its argument: 3.7+ slots call it directly (vectorcall_method), as a
# function call would; 2.7 and 3.6 go through a bound method and a new argument tuple (2.7's
# instancemethod_call copies it once more). __call__ always comes through a packed tuple.
import sys

class Box(object):
    def __eq__(self, other):
        self.seen = sys.getrefcount(other)
        return True
    def __getitem__(self, key):
        self.seen = sys.getrefcount(key)
        return 1
    def __contains__(self, item):
        self.seen = sys.getrefcount(item)
        return True
    def __call__(self, arg):
        self.seen = sys.getrefcount(arg)

def plain(x):
    return sys.getrefcount(x)

b = Box()
o = []
print(plain(o))
b == o
print(b.seen)
b[o]
print(b.seen)
o in b
print(b.seen)
b(o)
print(b.seen)
