# A list holding itself and a dict holding itself are each one unreachable object.
import gc
gc.collect()
a = []
a.append(a)
d = {}
d["me"] = d
del a, d
print(gc.collect())
