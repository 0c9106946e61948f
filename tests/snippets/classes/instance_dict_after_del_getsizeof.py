# Deleting an attribute keeps 3.11+ values (and a split dict) as they are; the dict lists the
# attributes left, in insertion order.
# oracle: 64-bit
import sys
class Three:
    pass

t = Three()
t.a, t.b, t.c = 1, 2, 3
del t.b
print(sys.getsizeof(t), sys.getsizeof(t.__dict__), list(t.__dict__))
t.b = 4
print(list(t.__dict__), t.b)
try:
    del t.zzz
except AttributeError as e:
    print("AttributeError", e)
