# gc.garbage is normally empty: cycles are freed, not saved.
import gc
gc.collect()
l = []
l.append(l)
del l
gc.collect()
print(gc.garbage)  # expect: []
