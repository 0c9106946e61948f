# Classic instances whose special methods misbehave: a __getattr__ that answers every name (so
# they are callable), __del__ that raises or resurrects, wrong return types;
# each is CPython 2.7's error, and the lab goes on.
# profiles: 2.7
import gc, weakref, sys
class G:
    def __getattr__(self, name):
        if name == '__del__': raise ValueError("no del")
        return lambda *a: name
g = G()
print repr(g), str(g), len(g) if False else 0
try:
    print len(g)
except TypeError as e:
    print e
class D:
    def __del__(self):
        raise KeyError('boom')
d = D(); del d
class Res:
    keep = None
    def __del__(self):
        Res.keep = self
r = Res(); del r
Res.keep = None
class C:
    def __init__(self): self.me = self
for i in range(1000):
    C()
print gc.collect() >= 0
class Bad:
    __init__ = 5
try:
    Bad()
except TypeError as e:
    print e
class E: pass
E.__getattr__ = 5
try:
    E().x
except TypeError as e:
    print e
class H:
    def __hash__(self): return "x"
try:
    hash(H())
except TypeError as e:
    print e
class Cmp:
    def __cmp__(self, o): return "x"
try:
    Cmp() < 1
except TypeError as e:
    print e
class It:
    def __iter__(self): return 5
try:
    iter(It())
except TypeError as e:
    print e
class W: pass
w = W()
ws = [weakref.ref(w, lambda r: None) for i in range(5)]
p = weakref.proxy(w)
print type(p).__name__
del w
print [x() for x in ws]
print 'end'
class Plain: pass
print callable(Plain()), callable(g), callable(Plain), callable(It())
