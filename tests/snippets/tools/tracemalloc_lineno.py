# tracemalloc attributes each allocation to the line that made it: Snapshot.statistics('lineno')
# groups the live traced blocks by line, with their total size and count (request sizes).
import tracemalloc

small = big = None
tracemalloc.start()
small = bytes(100)          # a bytes object of 100 bytes: 33 + 100
big = bytes(1000) + bytes(2000)  # the two operands are freed: one block of 33 + 3000
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
stats = snapshot.statistics('lineno')
for stat in stats:
    if stat.traceback[0].lineno in (7, 8):
        print(stat.traceback[0].lineno, stat.size, stat.count, str(stat).split(': ', 1)[1])
# expect: 8 3033 1 size=3033 B, count=1, average=3033 B
# expect: 7 133 1 size=133 B, count=1, average=133 B
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())  # expect: False (0, 0)
