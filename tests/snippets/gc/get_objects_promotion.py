# An object surviving collections moves to older generations, seen through get_objects.
# profiles: 3.8+
import gc
def where(obj):
    return [any(o is obj for o in gc.get_objects(g)) for g in range(3)]
gc.collect()
x = []
print(where(x))
gc.collect(0)
print(where(x))
gc.collect(1)
print(where(x))
gc.collect()
print(where(x))
