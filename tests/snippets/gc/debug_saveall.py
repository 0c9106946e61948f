# With DEBUG_SAVEALL, unreachable objects are appended to gc.garbage instead of freed.
import gc
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
a = []
a.append(a)
del a
print(gc.collect())  # expect: 1
print(len(gc.garbage), gc.garbage[0][0] is gc.garbage[0])  # expect: 1 True
gc.set_debug(0)
