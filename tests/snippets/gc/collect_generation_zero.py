# gc.collect(0) examines only the youngest generation.
import gc
gc.collect()
a = []
a.append(a)
del a
print(gc.collect(0))
print(gc.collect(0))
