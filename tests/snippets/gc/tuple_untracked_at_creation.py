# 3.14 (3.14.1's gh-139951) does not track a tuple made from items at hand when no item's type
# is a container type; tuple(iterable) of a non-list still starts tracked (PyTuple_New).
# profiles: 3.14
import gc
a = 1
print(gc.is_tracked((a, "x", None)))  # expect: False
print(gc.is_tracked(tuple([1, 2])))  # expect: False
print(gc.is_tracked((a, [])))  # expect: True
print(gc.is_tracked((a, ())))  # expect: True
print(gc.is_tracked(tuple(range(2))))  # expect: True
