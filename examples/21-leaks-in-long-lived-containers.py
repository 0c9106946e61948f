# A long-lived container (a registry, a cache) keeps everything in it alive, and
# gc.collect() cannot help: reachable objects are not garbage.
import gc, weakref

class Session(object):
    pass

registry = []                  # module-level: lives as long as the program

def open_session():
    s = Session()
    registry.append(s)         # remembered, never forgotten
    return weakref.ref(s)

probes = [open_session() for i in range(100)]
gc.collect()
print(sum(p() is not None for p in probes))   # all 100 alive: reachable is not garbage
del registry[:]
print(sum(p() is not None for p in probes))   # freed as soon as the list lets go

weak_registry = weakref.WeakSet()   # the fix: remember without owning
s = Session()
weak_registry.add(s)
print(len(weak_registry))
del s
print(len(weak_registry))
