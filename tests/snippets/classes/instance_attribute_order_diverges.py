# Two instances of one class set the same attributes in different orders: each __dict__ keeps its
# own insertion order, and their sizes tell how the shared keys coped.
# oracle: 64-bit
import sys
class K:
    pass

k1 = K()
k1.a = 1
k1.b = 2
k2 = K()
k2.b = 3
k2.a = 4
print(list(k1.__dict__), list(k2.__dict__))
print(sys.getsizeof(k1.__dict__), sys.getsizeof(k2.__dict__))
print(vars(k2) == {"a": 4, "b": 3})
