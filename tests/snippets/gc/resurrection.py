# A __del__ that stores self somewhere resurrects the object; __del__ never runs twice.
import gc
saved = []
class Phoenix:
    def __del__(self):
        print("__del__ runs")
        saved.append(self)

p = Phoenix()
p.me = p
del p
gc.collect()
print(len(saved))
saved.clear()
gc.collect()
print("no second __del__")
