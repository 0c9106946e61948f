# copy.copy of an instance makes a new instance whose attributes are the same objects.
import copy
class Point:
    def __init__(self):
        self.coords = [1, 2]

p = Point()
q = copy.copy(p)
r = copy.deepcopy(p)
print(q is p, type(q) is Point)  # expect: False True
print(q.coords is p.coords)  # expect: True
print(r.coords is p.coords, r.coords == p.coords)  # expect: False True
