# Instances of a class with __slots__ cannot be weakly referenced unless '__weakref__' is a slot.
import weakref
class Plain:
    __slots__ = ("x",)
class Weak:
    __slots__ = ("x", "__weakref__")

w = Weak()
print(weakref.ref(w)() is w)  # expect: True
weakref.ref(Plain())  # expect error: TypeError: cannot create weak reference to 'Plain' object
