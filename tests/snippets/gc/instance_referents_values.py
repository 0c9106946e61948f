# gc.get_referents of an instance: its attribute dict (up to 3.10, or once made on 3.11/3.12) or
# its values (3.11+), then its class.
# profiles: all
import gc
class N(object):
    pass

n = N()
print(gc.is_tracked(n))
n.x = 1
n.y = []
print([type(r).__name__ for r in gc.get_referents(n)])
d = n.__dict__
print([type(r).__name__ for r in gc.get_referents(n)], gc.is_tracked(d))
print(n.x, n.y, sorted(d))
