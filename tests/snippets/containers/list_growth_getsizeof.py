# A list over-allocates as it grows: getsizeof jumps only when the spare slots run out.
# oracle: 64-bit
import sys
l = []
sizes = [sys.getsizeof(l)]
for i in range(20):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
