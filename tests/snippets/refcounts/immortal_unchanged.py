# Before 3.12 a thousand new references to None raise its count by a thousand; from 3.12
# None is immortal and the count stays put.
import sys
before = sys.getrefcount(None)
many = [None] * 1000
after = sys.getrefcount(None)
print(after - before)
