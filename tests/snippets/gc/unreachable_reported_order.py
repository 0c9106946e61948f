# Finalizers of a collected cycle run in the collector's order, before the memory is freed.
import gc
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

gc.collect()
a, b, c = T("a"), T("b"), T("c")
a.next, b.next, c.next = b, c, a
del a, b, c
print(gc.collect())
