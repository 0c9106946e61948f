# 2.7: a cycle through an object with __del__ is uncollectable; gc.garbage gets the objects
# with __del__ only, while collect() counts everything the cycle holds.
# profiles: 2.7
import gc
class D(object):
    def __del__(self):
        pass
gc.collect()
d = D()
d.items = [d, {"k": d}]
del d
print gc.collect()
print len(gc.garbage), type(gc.garbage[0]).__name__
print len(gc.garbage[0].items)
del gc.garbage[:]
