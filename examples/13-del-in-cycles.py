# Objects with __del__ in a cycle: 3.4+ (PEP 442) calls __del__ and frees them;
# 2.7 gives up and leaves them in gc.garbage.
# profiles: all
import gc

class Resource(object):
    def __del__(self):
        print("__del__ runs")

gc.collect()
a, b = Resource(), Resource()
a.peer, b.peer = b, a
del a, b
print(gc.collect())
print(len(gc.garbage))      # 3.4+: 0; 2.7: 2, not finalized
while gc.garbage:           # 2.7's cure: break the cycles by hand (3.4+: nothing to do)
    gc.garbage.pop().peer = None
print(len(gc.garbage))
