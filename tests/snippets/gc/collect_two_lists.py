# Two lists referring to each other form a cycle of two objects.
# profiles: all
import gc
gc.collect()
a = []
b = [a]
a.append(b)
del a, b
print(gc.collect())
print(gc.collect())
