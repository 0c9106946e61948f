# Since 3.12 (PEP 683) None, True, False and the small ints are immortal: a fixed, huge refcount.
# profiles: 3.12+
# oracle: 64-bit
import sys
print(sys.getrefcount(None))
print(sys.getrefcount(True), sys.getrefcount(1))
before = sys.getrefcount(None)
many = [None] * 1000        # a thousand more references...
print(sys.getrefcount(None) == before)   # ...and the count does not move

x = []
before = sys.getrefcount(x)
more = [x] * 1000           # an ordinary object still counts every one
print(sys.getrefcount(x) - before)
big = int("1000")           # outside the small-int cache: an ordinary object
print(sys.getrefcount(big))
