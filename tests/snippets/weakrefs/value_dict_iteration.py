# An entry whose value dies while the WeakValueDictionary is being iterated goes only when the
# iteration ends, so the loop never sees the dictionary change size.
import weakref
class Obj:
    pass

objs = [Obj() for _ in range(3)]
d = weakref.WeakValueDictionary(enumerate(objs))
seen = []
for key in d:
    seen.append(key)
    if key == 0:
        del objs[2]
print(sorted(seen), len(d), sorted(d))
