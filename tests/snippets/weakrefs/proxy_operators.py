# Operators, len, iteration and comparison go through a proxy to its referent.
import weakref
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __len__(self):
        return len(self.xs)
    def __iter__(self):
        return iter(self.xs)
    def __eq__(self, other):
        return self.xs == other.xs

v, w = Vec(1, 2), Vec(3, 4)
p = weakref.proxy(v)
print((p + w).xs, len(p), list(p), p == Vec(1, 2), 2 in p)
print(bool(p), str(p) == str(v))
