# Snapshot.compare_to lists what changed between two snapshots, biggest change first: a line's
# size and count now and their differences (StatisticDiff), negative for what was freed.
import tracemalloc

kept = dropped = added = None
n = 70
tracemalloc.start()
dropped = bytes(4000)
kept = bytes(50)
first = tracemalloc.take_snapshot()
dropped = None
added = b'a' * n  # no call: bytes(70) would pack its argument in a free-list tuple
second = tracemalloc.take_snapshot()
tracemalloc.stop()
for diff in second.compare_to(first, 'lineno'):
    if diff.traceback[0].lineno in (8, 9, 12):
        print(diff.traceback[0].lineno, str(diff).split(': ', 1)[1])
# expect: 8 size=0 B (-4033 B), count=0 (-1)
# expect: 12 size=103 B (+103 B), count=1 (+1), average=103 B
# expect: 9 size=83 B (+0 B), count=1 (+0), average=83 B
