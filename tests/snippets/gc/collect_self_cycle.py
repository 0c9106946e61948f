# Reference counting cannot free a list that contains itself; the cycle collector can.
# gc.collect() returns how many unreachable objects it found.
# profiles: all
import gc
gc.collect()
a = []
a.append(a)
del a
print(gc.collect())
