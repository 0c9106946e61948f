# Copying a dict copies references: each value gains one reference per copy.
import sys
v = []
d = {"a": v}
print(sys.getrefcount(v))
d2 = dict(d)
d3 = d.copy()
print(sys.getrefcount(v))
del d2, d3
print(sys.getrefcount(v))
