# Without cycles, reference counting frees everything and the collector finds nothing.
# profiles: all
import gc
gc.collect()
a = [1, 2, 3]
b = {"a": a}
del a, b
print(gc.collect())  # expect: 0
