# One instance of a fresh class takes attribute after attribute: its size stays, and its __dict__
# (read at the end) is sized by the values it outgrew (3.11+: 29 attributes fit the values).
# oracle: 64-bit
import sys
class Bag:
    pass

sizes = []
b = Bag()
for i in range(35):
    setattr(b, "a%d" % i, i)
    sizes.append(sys.getsizeof(b))
print(sorted(set(sizes)))
print(sys.getsizeof(b.__dict__), len(b.__dict__))
c = Bag()
c.a0 = 0
print(sys.getsizeof(c), sys.getsizeof(c.__dict__))
