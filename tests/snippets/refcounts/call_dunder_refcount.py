# Calling an instance goes through its type's tp_call, which packs the arguments into a tuple:
# inside __call__ an argument counts that tuple too; __new__ sees the same tuple.
import sys

class Adder(object):
    def __call__(self, value):
        return sys.getrefcount(value)

class Made(object):
    def __new__(cls, value):
        cls.seen = sys.getrefcount(value)
        return object.__new__(cls)

o = []
add = Adder()
print(add(o))
print([add(o) for i in range(3)])
Made(o)
print(Made.seen)
