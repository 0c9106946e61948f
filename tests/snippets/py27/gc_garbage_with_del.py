# Before PEP 442, a cycle containing objects with __del__ could not be freed: the collector
# put it in gc.garbage and never called __del__.
# profiles: 2.7
import gc
class T(object):
    def __del__(self):
        print "never printed"

gc.collect()
a, b = T(), T()
a.peer, b.peer = b, a
del a, b
print gc.collect()
print len(gc.garbage), type(gc.garbage[0]).__name__
