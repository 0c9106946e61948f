# A classic instance finds its special methods through its own attribute lookup, so every
# protocol goes through 'instance' slots that look the method up and call it.
# profiles: 2.7
class D:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
    def __contains__(self, x): return x == 7
    def __call__(self, *a, **k): return (a, k)
    def __add__(self, o): return "add %r" % (o,)
    def __radd__(self, o): return "radd %r" % (o,)
    def __eq__(self, o): return "eq"
    def __hash__(self): return 42
d = D()
print len(d), d[1], list(d), 7 in d, 8 in d, d(1, k=2), d + 1, 1 + d, d == 3, hash(d), bool(d)
class V:
    def __iter__(self): return iter([1, 2])
    def __getitem__(self, k): return k
print list(V()), V()[1:2], V()['k']
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def next(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print list(It()), sum(It())
class Num:
    def __init__(self, v): self.v = v
    def __sub__(self, o): return Num(self.v - o)
    def __rsub__(self, o): return Num(o - self.v)
    def __iadd__(self, o): self.v += o; return self
    def __div__(self, o): return self.v / o
    def __neg__(self): return -self.v
    def __repr__(self): return "Num(%d)" % self.v
    def __lt__(self, o): return self.v < o
n = Num(10)
n += 5
print n - 1, 20 - n, n / 2, -n, n < 20, n > 20, sorted([Num(3), Num(1), Num(2)])
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print bool(L(0)), bool(L(2)), len(L(5))
d.__dict__['__len__'] = lambda: 99
print len(d)
