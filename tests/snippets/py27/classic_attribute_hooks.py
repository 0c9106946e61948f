# A classic class caches its __getattr__, __setattr__ and __delattr__ when made and whenever
# they are set on it; an instance's __class__ and __dict__ can be replaced.
# profiles: 2.7
class H:
    def __getattr__(self, name):
        return "hook:" + name
    def __setattr__(self, name, value):
        self.__dict__[name] = value * 2
h = H()
h.v = 3
print h.v, h.zz, h.__dict__
H.__getattr__ = lambda self, name: "new:" + name
print h.qq
del H.__getattr__
try:
    h.qq
except AttributeError as e:
    print e
class P: pass
class Q: pass
p = P()
p.__class__ = Q
print p.__class__ is Q, isinstance(p, Q), isinstance(p, (int, P)), isinstance(p, (int, Q))
p.__dict__ = {'k': 1}
print p.k, vars(p)
try:
    p.__class__ = int
except TypeError as e:
    print e
P.x = 10
print P.x, P().x, getattr(P, 'x'), hasattr(P, 'y')
try:
    del P.y
except AttributeError as e:
    print e
