# `class A:` in 2.7 makes a classic class: a classobj (104 bytes) that keeps the class body's
# namespace as its dict, whose instances are all of type 'instance' (72 bytes) with a dict each.
# profiles: 2.7
# oracle: 64-bit
import sys, gc
class A:
    "doc of A"
    x = 1
    def get(self):
        return self.x
class B(A):
    pass
a = B()
print type(A), type(a), type(a) is type(A())
print sys.getsizeof(A), sys.getsizeof(a), sys.getsizeof(a.__dict__)
print sorted(A.__dict__), A.__bases__, [c.__name__ for c in B.__bases__]
print A.__name__, A.__module__, A.__doc__, B.__doc__
print a.__class__ is B, a.x, a.get(), B.get.im_class is B, a.get.im_class is B
print gc.is_tracked(A), gc.is_tracked(a), [type(r).__name__ for r in gc.get_referents(A)]
print gc.get_referents(a)[0] is B, gc.get_referents(a)[1] is a.__dict__
B.x = 2
print a.x, A.x, B.__dict__['x']
del B.x
print a.x, 'x' in B.__dict__, dir(a), dir(B)
print str(B), isinstance(a, A), isinstance(a, object), issubclass(B, A), issubclass(A, B)
