# Loops building lists of small lists: list and int allocation, the list free list, pymalloc's
# 64- and 32-byte size classes.
total = 0
for round in range(20):
    rows = []
    for i in range(20000):
        rows.append([i, i + 1, i + 2])
    total += len(rows) + rows[-1][2]
print(total)
