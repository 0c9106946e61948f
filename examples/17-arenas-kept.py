# Freed small objects stay with Python: their blocks are reused by the next allocations,
# and an arena that still has one live block is never given back to the OS.
# oracle: 64-bit
floats = [float(i) for i in range(30000)]   # ~1 MB of 32-byte blocks: many pools
addresses = set(id(f) for f in floats)
survivors = floats[::100]   # one float in 100 stays alive: every pool keeps a live block
del floats                  # 29700 blocks freed, yet no pool or arena is empty
again = [float(i) + 0.5 for i in range(20000)]
reused = sum(1 for f in again if id(f) in addresses)
print(len(survivors), reused == len(again))   # every new float landed in a freed block
