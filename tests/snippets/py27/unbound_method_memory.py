# An unbound method is a GC-tracked instancemethod that holds its class while it lives.
# profiles: 2.7
# oracle: 64-bit
import sys
class A(object):
    def f(self):
        pass

before = sys.getrefcount(A)
m = A.f
print sys.getrefcount(A) - before  # expect: 1
del m
print sys.getrefcount(A) - before  # expect: 0
import gc
print gc.is_tracked(A.f), sys.getsizeof(A.f)  # expect: True 80
try:
    A.f.__qualname__
except AttributeError as e:
    print e  # expect: 'function' object has no attribute '__qualname__'
