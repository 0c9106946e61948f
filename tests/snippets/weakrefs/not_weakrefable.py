# ints, strs, lists and dicts cannot be weakly referenced (they have no weakref slot).
import weakref
for obj in (1, "s", (), [], {}):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print(e)
