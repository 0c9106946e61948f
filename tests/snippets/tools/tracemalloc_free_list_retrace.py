# A float freed while tracing goes to the float free list and its block stays traced. From 3.8
# the next float made from that block takes the traceback of the line that made it; 3.6 still
# names the line that first allocated the block.
import gc
import tracemalloc

def lines(snapshot):
    stats = snapshot.statistics('lineno')
    return sorted(s.traceback[0].lineno for s in stats if s.traceback[0].lineno in (13, 15))

def run(a):
    tracemalloc.start()
    x = a * 3
    del x
    y = a * 5
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return lines(snap)

run(1.5)
gc.collect()
print(run(1.5))
