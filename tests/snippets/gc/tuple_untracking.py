# A tuple built at run time starts tracked; a collection untracks it if it holds only atoms.
# profiles: all
import gc
t = tuple([1, 2, "three"])
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
u = tuple([[], 1])
gc.collect()
print(gc.is_tracked(u))
