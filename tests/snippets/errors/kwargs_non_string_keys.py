# A ** mapping whose key is not a string: each call refuses it (up to 3.9 a Python function names
# itself, "f() keywords must be strings"; 3.6's dict() says "keyword arguments"; 2.7's dict()
# takes any key). Nothing is bound and nothing leaks.
# profiles: all
from __future__ import print_function
def f(a):
    pass
def g(**kw):
    return kw
class C(object):
    def __init__(self, **kw):
        pass
for call in (f, g, C, dict, sorted, max):
    try:
        print(call([1], **{1: 2}) if call in (sorted, max) else call(**{1: 2}))
    except TypeError as e:
        print(e)
print(g(**{"ok": 1}))
