# DEBUG_LEAK includes DEBUG_SAVEALL: what a collection finds stays in gc.garbage instead of
# being freed (the collectable/uncollectable lines go to stderr).
import gc
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
gc.collect()
a = []
a.append(a)
del a
gc.set_debug(gc.DEBUG_LEAK)
n = gc.collect()
gc.set_debug(0)
print(n, len(gc.garbage), gc.garbage[0][0] is gc.garbage[0])
del gc.garbage[:]
print(gc.collect())
