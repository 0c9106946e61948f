# Up to 3.10 every call has a frame object, a GC allocation: a function's first call makes one,
# and when it returns the frame stays with the code object (its zombie frame) for the next call,
# so gen-0's count rises once per function, and per extra level of recursion (the spare frames
# wait on the free list). From 3.11 frames are not objects and calls count nothing.
import gc

def f():
    return 1

def g(n):
    if n:
        return g(n - 1)
    return 0

gc.collect()
counts = [gc.get_count()[0]]
f()
counts.append(gc.get_count()[0])
f()
counts.append(gc.get_count()[0])
g(5)
counts.append(gc.get_count()[0])
g(5)
counts.append(gc.get_count()[0])
x = [f() for i in range(3)]
counts.append(gc.get_count()[0])
y = [f() for i in range(3)]
counts.append(gc.get_count()[0])
print(counts)
gc.collect()
g(3)
print(gc.get_count())
