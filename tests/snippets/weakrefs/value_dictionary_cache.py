# A cache of computed objects that frees entries nobody else uses.
import weakref
class Image:
    def __init__(self, name):
        self.name = name

cache = weakref.WeakValueDictionary()
def load(name):
    img = cache.get(name)
    if img is None:
        print("loading", name)
        img = cache[name] = Image(name)
    return img

a = load("logo")  # expect: loading logo
b = load("logo")
print(a is b)  # expect: True
del a, b
c = load("logo")  # expect: loading logo
