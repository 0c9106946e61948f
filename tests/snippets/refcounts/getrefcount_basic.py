# sys.getrefcount counts one extra reference: its own argument. A list bound to one
# global name therefore reports 2; a second name makes it 3.
# profiles: all
import sys
a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
