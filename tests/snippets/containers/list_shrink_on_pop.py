# Popping most of a list's items lets it shrink its allocation.
# oracle: 64-bit
import sys
l = list(range(100))
l.append(100)
print(sys.getsizeof(l))
while len(l) > 2:
    l.pop()
print(sys.getsizeof(l))
l.clear()
print(sys.getsizeof(l))
