# A dying classic instance clears its weakrefs (callbacks run) before __del__, which may
# resurrect it; 2.7 runs __del__ at every death. Classic instances with __del__ in a cycle land
# in gc.garbage; without __del__ the collector frees them.
# profiles: 2.7
import gc, weakref
gc.collect()
log = []
class A:
    def __del__(self):
        log.append("del, weakref dead: %s" % (r() is None,))
a = A()
r = weakref.ref(a, lambda w: log.append("callback"))
del a
print log
class R:
    keep = []
    def __del__(self):
        R.keep.append(self)
        print "resurrect", len(R.keep)
x = R()
del x
print len(R.keep), gc.is_tracked(R.keep[0])
del R.keep[:]
c1 = A(); c2 = A(); c1.other = c2; c2.other = c1
del c1, c2
print gc.collect(), [type(g).__name__ for g in gc.garbage]
for g in gc.garbage: g.other = None
del g
del gc.garbage[:]
class Plain: pass
p1 = Plain(); p2 = Plain(); p1.o = p2; p2.o = p1
wr = weakref.ref(p1)
del p1, p2
print gc.collect(), wr(), len(gc.garbage)
