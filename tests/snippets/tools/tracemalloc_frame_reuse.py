# Up to 3.10 a function's first call allocates its frame (a traced block, attributed to the
# calling line); later calls reuse it. From 3.8 reusing a kept block gives it the traceback of
# where it is reused (_PyTraceMalloc_NewReference); 3.6 keeps the first one. From 3.11 frames
# are not heap objects at all.
import gc
import tracemalloc

def first(x):
    return x

def second(x):
    return first(x)

def lines(snapshot):
    stats = snapshot.statistics('lineno')
    return sorted((s.traceback[0].lineno, s.count) for s in stats if s.traceback[0].lineno in (20, 22, 23))

gc.collect()
tracemalloc.start()
first(1)
snap1 = tracemalloc.take_snapshot()
first(1)
second(1)
snap2 = tracemalloc.take_snapshot()
tracemalloc.stop()
print(lines(snap1), lines(snap2))
