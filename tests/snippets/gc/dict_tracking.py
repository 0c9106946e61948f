# A dict of atoms is not tracked; it becomes tracked when it stores a container.
# profiles: all
import gc
d = {}
print(gc.is_tracked(d))
d["n"] = 1
print(gc.is_tracked(d))
d["l"] = []
print(gc.is_tracked(d))
