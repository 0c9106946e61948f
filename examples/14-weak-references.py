# Weak references do not keep their object alive: ref, proxy, WeakSet, WeakValueDictionary.
import sys, weakref

class Thing(object):
    pass

t = Thing()
before = sys.getrefcount(t)
r = weakref.ref(t)
p = weakref.proxy(t)
s = weakref.WeakSet([t])
d = weakref.WeakValueDictionary({"key": t})
print(sys.getrefcount(t) == before)   # none of them adds a reference
t.name = "thing"
print(r() is t, p.name, len(s), list(d))
del t                                 # the last strong reference goes
print(r() is None, len(s), list(d))
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)
