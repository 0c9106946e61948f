# Dict methods on an instance __dict__: copying keeps the sharing, removing keys or adding them out
# of order gives the dict keys of its own (at the size each version picks).
# oracle: 64-bit
import sys
class Big:
    pass

def make(n):
    o = Big()
    for i in range(n):
        setattr(o, "k%d" % i, i)
    return o

o = make(7)
print(sys.getsizeof(o.__dict__), sys.getsizeof(o.__dict__.copy()))
o.__dict__.pop("k3")
print(sys.getsizeof(o.__dict__), list(o.__dict__)[:4])
p = make(7)
print(p.__dict__.popitem(), sys.getsizeof(p.__dict__))
q = make(2)
q.__dict__.setdefault("k2", 2)
q.__dict__.update(zz=1)
print(sys.getsizeof(q.__dict__), sorted(q.__dict__))
r = make(2)
r.__dict__[5] = "int key"
print(sys.getsizeof(r.__dict__), sys.getsizeof(make(2).__dict__))
r.__dict__.clear()
print(sys.getsizeof(r.__dict__), vars(r))
