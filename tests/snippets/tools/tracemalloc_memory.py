# tracemalloc.get_traced_memory() is (current, peak) bytes of the traced blocks; a freed block
# leaves the peak where it was, reset_peak() (3.9+) brings the peak down to the current size,
# and get_object_traceback tells where an object was allocated. (Its Python calls come first:
# up to 3.10 their frames are new traced blocks in the lab, where CPython's start-up leaves
# frames on the free list; tests/cpydiff/free_lists_start_empty.md.)
# profiles: 3.10+
import tracemalloc

block = current = peak = None
tracemalloc.start()
block = bytes(100000)
print(tracemalloc.get_object_traceback(block)[0].lineno)  # expect: 11
current, peak = tracemalloc.get_traced_memory()
print(current >= 100033, peak >= current)  # expect: True True
block = None
now, peak_after = tracemalloc.get_traced_memory()
print(current - now > 99000, peak_after >= peak)  # expect: True True
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory()[1] < peak)  # expect: True
tracemalloc.clear_traces()
print(tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())  # expect: (0, 0) 1
tracemalloc.stop()
tracemalloc.take_snapshot()  # expect error: RuntimeError: the tracemalloc module must be tracing memory allocations to take a snapshot
