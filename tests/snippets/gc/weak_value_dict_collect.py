# WeakValueDictionary entries whose values were only kept alive by cycles vanish on collect.
import gc, weakref
class V:
    pass
gc.collect()
d = weakref.WeakValueDictionary()
keep = V()
for name in ("a", "b", "c"):
    v = V()
    v.me = v
    d[name] = v
d["keep"] = keep
del v
print(len(d))
gc.collect()
print(sorted(d.keys()))
