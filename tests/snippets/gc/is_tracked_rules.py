# Which objects the collector tracks: containers yes, atoms no, and dicts/tuples by content.
import gc
class C:
    pass
class S:
    __slots__ = ()
print(gc.is_tracked(0), gc.is_tracked("s"), gc.is_tracked(1.5))
print(gc.is_tracked([]), gc.is_tracked(set()), gc.is_tracked(C()))
print(gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))
print(gc.is_tracked(S()))
t = (1, 2)
u = ([],)
print(gc.is_tracked(u))
gc.collect()
print(gc.is_tracked(t), gc.is_tracked(u))
