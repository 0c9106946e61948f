# Up to 3.8 a dead bound method, and a dead bound built-in method such as keep.append, is kept
# on a free list for the next one: only the first counts as a GC allocation, and freeing it
# counts nothing. From 3.9 each is allocated and freed, and gen-0's count goes up and down.
import gc

class C(object):
    def m(self):
        return 1

c = C()
keep = []
gc.collect()
counts = []
for i in range(3):
    bm = c.m
    counts.append(gc.get_count()[0])
    del bm
    counts.append(gc.get_count()[0])
ap = keep.append
counts.append(gc.get_count()[0])
del ap
counts.append(gc.get_count()[0])
ap = keep.append
counts.append(gc.get_count()[0])
gc.collect()
ap = keep.append
counts.append(gc.get_count()[0])
print(counts)
