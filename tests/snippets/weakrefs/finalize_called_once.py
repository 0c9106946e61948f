# Calling a finalizer early runs it once; it will not run again when the object dies.
import weakref
class Resource:
    pass

r = Resource()
f = weakref.finalize(r, lambda: "cleaned")
print(f())  # expect: cleaned
print(f.alive)  # expect: False
del r
print("object gone, nothing ran again")  # expect: object gone, nothing ran again
