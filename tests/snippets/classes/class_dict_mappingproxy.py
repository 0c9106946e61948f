# C.__dict__ is a read-only proxy over the class's namespace (mappingproxy; 2.7's dictproxy), a
# new object at each access: reads go to the namespace, item assignment is refused, and the
# class changes only through setattr, which the proxy then shows.
# profiles: all
import gc
import sys

class C(object):
    x = 1

d = C.__dict__
print(type(d).__name__, C.__dict__ is C.__dict__, gc.is_tracked(d), sys.getrefcount(d))
print(d['x'], d.get('y', 5), 'x' in d, len(d) == len(list(d)))
print(sorted(k for k in d if not k.startswith('__')), type(d.copy()).__name__)
try:
    d['y'] = 2
except TypeError as e:
    print(e)
C.y = 2
print(d['y'], vars(C) == d, repr(d).split('(')[0])
