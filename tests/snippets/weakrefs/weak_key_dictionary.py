# A WeakKeyDictionary attaches data to objects without keeping them alive.
import weakref
class Widget:
    pass

extra = weakref.WeakKeyDictionary()
w1, w2 = Widget(), Widget()
extra[w1] = "first"
extra[w2] = "second"
print(len(extra))  # expect: 2
del w1
print(len(extra), extra[w2])  # expect: 1 second
