# Since 3.4 (PEP 442) objects with __del__ in a cycle are finalized and freed; before,
# the cycle went to gc.garbage untouched.
# profiles: all
import gc
class T(object):
    def __del__(self):
        print("finalizing")

gc.collect()
a, b = T(), T()
a.peer, b.peer = b, a
del a, b
print(gc.collect())
print(len(gc.garbage))
