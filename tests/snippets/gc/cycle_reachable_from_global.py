# A cycle that a global name still reaches is not garbage; once the name goes, it is.
import gc
gc.collect()
ring = [[], []]
ring[0].append(ring[1])
ring[1].append(ring[0])
ring.append(ring)
print(gc.collect())
print(len(ring))
del ring
print(gc.collect())
