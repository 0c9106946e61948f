# A dict that contains itself is a cycle of one object.
import gc
gc.collect()
d = {}
d["self"] = d
del d
print(gc.collect())
