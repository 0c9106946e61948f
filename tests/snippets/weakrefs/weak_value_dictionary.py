# A WeakValueDictionary drops an entry as soon as its value dies.
import weakref
class Obj:
    pass

cache = weakref.WeakValueDictionary()
a, b = Obj(), Obj()
cache["a"] = a
cache["b"] = b
print(sorted(cache.keys()))  # expect: ['a', 'b']
del a
print(sorted(cache.keys()))  # expect: ['b']
print(cache["b"] is b)  # expect: True
