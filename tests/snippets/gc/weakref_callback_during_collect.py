# A weakref that outlives its referent's cycle has its callback called during the collection,
# after the reference is cleared.
import gc, weakref
class C:
    pass
def callback(r):
    print("callback, referent gone:", r() is None)
gc.collect()
c = C()
c.me = c
w = weakref.ref(c, callback)
del c
print("collecting")
n = gc.collect()
print("collected", n > 0)
print(w() is None)
