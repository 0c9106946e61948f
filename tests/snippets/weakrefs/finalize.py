# weakref.finalize registers a call made when the object dies; .alive tells if it is pending.
import weakref
class Resource:
    pass

r = Resource()
f = weakref.finalize(r, print, "resource finalized", 1)
print(f.alive)  # expect: True
del r  # expect: resource finalized 1
print(f.alive)  # expect: False
print(f())  # expect: None
