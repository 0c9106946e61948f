# gc.freeze() (3.7+) moves every tracked object to a permanent generation ignored by collections.
# profiles: 3.8+
import gc
gc.collect()
gc.freeze()
print(gc.get_freeze_count() > 0)  # expect: True
a = []
a.append(a)
del a
print(gc.collect())  # expect: 1
gc.unfreeze()
print(gc.get_freeze_count())  # expect: 0
