# From 3.12 `super().m()` finds m without making a super object (LOAD_SUPER_ATTR), once the
# instruction has specialized: its first run still calls super() and asks the super object,
# which a peak of traced memory shows; before 3.12 every run makes one (and a bound method).
# profiles: 3.11+
# oracle: 64-bit
import tracemalloc
class A:
    def m(self): return 1
    x = 5
class B(A):
    def m(self): return super().m()
    def getx(self): return super().x
    def two(self): return super(B, self).m()
    def nop(self): return 1
b = B()
spare = [b.nop for i in range(8)]  # 3.14 keeps dead bound methods on a free list, where
del spare                          # CPython's start-up leaves some
tracemalloc.start()
results = []
for f in (b.nop, b.nop, b.m, b.getx, b.two):  # the first warms the measurement up
    out = []
    for i in range(3):
        tracemalloc.reset_peak()
        cur0 = tracemalloc.get_traced_memory()[0]
        f()
        cur, peak = tracemalloc.get_traced_memory()
        out.append(peak - cur0)
    results.append(out)
for out in results[1:]:
    print(out)
