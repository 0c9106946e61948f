# Only containers are tracked by the collector: atoms like ints and strings never are.
# profiles: all
import gc
print(gc.is_tracked(1))
print(gc.is_tracked("text"))
print(gc.is_tracked(1.5))
print(gc.is_tracked(None))
print(gc.is_tracked([]))
print(gc.is_tracked(object()))
