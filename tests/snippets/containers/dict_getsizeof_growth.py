# A dict's size jumps when its hash table is resized, not on every insertion.
# oracle: 64-bit
import sys
d = {}
sizes = [sys.getsizeof(d)]
for i in range(20):
    d[i] = i
    sizes.append(sys.getsizeof(d))
print(sizes)
