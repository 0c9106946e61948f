# A set starts with room for 8 entries and grows its table by resizing.
# oracle: 64-bit
import sys
s = set()
sizes = [sys.getsizeof(s)]
for i in range(20):
    s.add(i)
    sizes.append(sys.getsizeof(s))
print(sizes)
