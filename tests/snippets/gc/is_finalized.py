# gc.is_finalized (3.9+) tells whether an object's __del__ has run.
# profiles: 3.9+
import gc
saved = []
class Lazarus:
    def __del__(self):
        saved.append(self)

x = Lazarus()
print(gc.is_finalized(x))  # expect: False
del x
print(gc.is_finalized(saved[0]))  # expect: True
