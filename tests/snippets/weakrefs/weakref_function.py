# Functions can be weakly referenced; a bound method is a temporary, so its weakref dies at once.
import weakref
def f():
    return "f"

class C:
    def m(self):
        return "m"

r = weakref.ref(f)
print(r()())  # expect: f
c = C()
print(weakref.ref(c.m)())  # expect: None
wm = weakref.WeakMethod(c.m)
print(wm()())  # expect: m
