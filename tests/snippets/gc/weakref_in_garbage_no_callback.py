# A weakref that is itself part of the garbage is cleared, and its callback never runs.
import gc, weakref
class C:
    pass
def callback(r):
    print("never printed")
gc.collect()
c = C()
c.me = c
c.w = weakref.ref(c, callback)
del c
gc.collect()
print("done")
