# getsizeof counts only the object itself, never what it refers to.
# oracle: 64-bit
import sys
small = [1]
big = [list(range(10000))]
print(sys.getsizeof(small) == sys.getsizeof(big))  # expect: True
print(sys.getsizeof(big[0]) > 80000)  # expect: True
d = {"k": "x" * 10000}
print(sys.getsizeof(d) < 1000)  # expect: True
