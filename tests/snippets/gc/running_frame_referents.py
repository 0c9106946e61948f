# What the collector sees of a frame that is running. Up to 3.10 a running frame's value stack
# is not traversed (its eval loop holds it; f_stacktop is NULL), so an object that is only an
# argument being passed is not referred to by the frame; its locals are. From 3.11 a frame
# object of a call in progress traverses nothing of the frame, which the interpreter owns.
# profiles: all
import gc, sys
class K(object):
    pass
n = K()
print(sorted(type(r).__name__ for r in gc.get_referrers(n)))
def f(x):
    return sorted(type(r).__name__ for r in gc.get_referrers(x))
print(f(n))
def g():
    y = K()
    h = sys._getframe()
    found = sorted(type(r).__name__ for r in gc.get_referrers(y))
    inside = [type(o).__name__ for o in gc.get_referents(h) if type(o) is not type(h)]
    return found, inside
print(g())
