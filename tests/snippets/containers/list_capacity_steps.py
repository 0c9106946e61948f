# The capacity behind a list (getsizeof minus the empty list, in 8-byte slots) grows in steps.
# oracle: 64-bit
import sys
l = []
base = sys.getsizeof(l)
steps = []
for i in range(64):
    l.append(None)
    cap = (sys.getsizeof(l) - base) // 8
    if not steps or steps[-1] != cap:
        steps.append(cap)
print(steps)
