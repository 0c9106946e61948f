# sys.getsizeof of classes and built-in types: a class is a PyHeapTypeObject plus the keys it
# caches for its instances' dicts (3.x), plus a GC header; 2.7 counts a PyMemberDef per slot
# instead; a built-in type is a static PyTypeObject (3.11 and 3.12 add a GC header to it).
# oracle: 64-bit
import sys
class Plain(object):
    pass
class Child(Plain):
    x = 1
    def f(self):
        pass
class Slotted(object):
    __slots__ = ('a', 'b')
class Meta(type):
    pass
Made = Meta('Made', (object,), {})
print(sys.getsizeof(Plain), sys.getsizeof(Child), sys.getsizeof(Slotted))
print(sys.getsizeof(int), sys.getsizeof(type), sys.getsizeof(object))
print(sys.getsizeof(Meta), sys.getsizeof(Made))
