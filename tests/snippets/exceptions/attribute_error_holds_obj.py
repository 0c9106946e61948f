# From 3.10 a failed attribute lookup records the object and the name on the AttributeError
# (e.obj, e.name), so an error kept in a variable keeps the object alive.
import sys


class Box:
    pass


box = Box()
before = sys.getrefcount(box)
try:
    box.lid
except AttributeError as e:
    saved = e
print('name', getattr(saved, 'name', 'n/a'))
print('obj is box', getattr(saved, 'obj', None) is box)
print('extra references while the error is kept', sys.getrefcount(box) - before)
del saved
print('after del', sys.getrefcount(box) - before)
