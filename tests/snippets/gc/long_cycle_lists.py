# A ring of 100 lists, each holding the next: unreachable as a whole, found in one collection.
import gc
gc.collect()
first = prev = []
for i in range(99):
    cur = [prev]
    prev = cur
first.append(prev)
del first, prev, cur
print(gc.collect())
print(gc.collect())
