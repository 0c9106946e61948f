# The collector runs by itself when container allocations minus deallocations exceed threshold0.
import gc
print(gc.get_threshold())   # (700, 10, 10); (2000, 10, 10) from 3.13
gc.collect()
print(gc.get_count())       # a full collection empties every generation's count

runs = []
def watch(phase, info):
    if phase == "start":
        runs.append(info["generation"])

gc.callbacks.append(watch)
old = gc.get_threshold()
gc.set_threshold(10, 2, 2)  # collect the young generation after more than 10 net allocations
keep = []
for i in range(100):
    keep.append([i])        # each list is a tracked container
gc.callbacks.remove(watch)
print(runs)                 # generation of each automatic collection
gc.set_threshold(*old)
