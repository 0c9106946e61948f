# gc.get_count() gives the allocations since the last collection per generation; a full
# collection resets them.
import gc
gc.collect()
print(gc.get_count())
class C:
    pass
keep = []
gc.collect()
for i in range(5):
    keep.append(C())
print(gc.get_count())
