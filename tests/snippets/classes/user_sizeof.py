# sys.getsizeof asks a class's own __sizeof__ and adds the GC header (3.11+: the pre-header too);
# a negative answer is a ValueError, a non-int a TypeError, which getsizeof's default answers.
# profiles: 3.8+
# oracle: 64-bit
import sys
class A(object):
    def __sizeof__(self):
        return 100
class B(object):
    def __sizeof__(self):
        return -1
class C(object):
    def __sizeof__(self):
        return "x"
class D(list):
    def __sizeof__(self):
        return 7
class E(object):
    __slots__ = ()
    def __sizeof__(self):
        return 5
print(sys.getsizeof(A()), sys.getsizeof(D()), sys.getsizeof(E()))
for k in (B, C):
    try:
        print(sys.getsizeof(k()))
    except Exception as e:
        print(type(e).__name__, e)
print(sys.getsizeof(B(), 42), sys.getsizeof(C(), 43))
try:
    object.__sizeof__(1, 2)
except TypeError as e:
    print(e)
try:
    (1).__sizeof__(2)
except TypeError as e:
    print(e)
print(object.__sizeof__(A()), object.__sizeof__([1, 2, 3]), [].__sizeof__(), (1).__sizeof__())
