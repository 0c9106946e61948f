# gc.callbacks functions are called at the start and stop of every collection.
import gc
def cb(phase, info):
    print(phase, info["generation"], info.get("collected"))
gc.collect()
a = []
a.append(a)
del a
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
