# Every object of a cycle with __del__ is finalized once (3.4+), then the cycle is freed.
import gc
log = []
class T:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append(self.n)
gc.collect()
objs = [T(i) for i in range(5)]
for i in range(5):
    objs[i].next = objs[(i + 1) % 5]
del objs
gc.collect()
print(sorted(log))
print(len(gc.garbage))
