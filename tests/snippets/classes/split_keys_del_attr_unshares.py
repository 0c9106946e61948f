# Deleting an instance attribute, even a missing one, changes how the class's instances keep their
# __dict__ from then on (3.6-3.10: the class stops sharing its keys); getsizeof tells the layouts.
# oracle: 64-bit
import sys
class P:
    pass

a = P()
a.x, a.y = 1, 2
b = P()
b.x, b.y = 3, 4
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
del a.x
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__), list(a.__dict__))
c = P()
c.x, c.y = 5, 6
print(sys.getsizeof(c.__dict__), sys.getsizeof(b.__dict__))
class Q:
    pass

q = Q()
try:
    del q.missing
except AttributeError as e:
    print("AttributeError", e)
q.x = 1
r = Q()
r.x = 2
print(sys.getsizeof(q.__dict__), sys.getsizeof(r.__dict__))
