# copy goes through __getstate__/__setstate__ when a class defines them, and copies __slots__.
import copy
class Point:
    __slots__ = ("x", "y")

class Counter:
    def __init__(self):
        self.n = 1
    def __getstate__(self):
        return {"n": self.n * 10}
    def __setstate__(self, state):
        print("setstate", state)
        self.__dict__.update(state)

p = Point()
p.x = [1]
q, r = copy.copy(p), copy.deepcopy(p)
print(q.x is p.x, r.x is p.x, r.x == p.x, hasattr(q, "y"))
c = copy.deepcopy(Counter())
print(c.n)
