# Up to 3.10 a generator's frame is a frame object that outlives it: when the generator ends the
# frame becomes its code's zombie frame, or waits on the frame free list, and the next
# generator of the same function takes it back without a new GC allocation.
import gc

def gen(n):
    for i in range(n):
        yield i

gc.collect()
before = gc.get_count()[0]
for k in range(10):
    for v in gen(3):
        pass
after = gc.get_count()[0]
g1 = gen(1); g2 = gen(1); g3 = gen(1)
three = gc.get_count()[0]
del g1, g2, g3
dead = gc.get_count()[0]
gc.collect()
print(after - before, three - after, dead - three, gc.get_count())
