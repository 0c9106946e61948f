# ints grow by one 30-bit digit (4 bytes) at a time; 0 has no digits before 3.12.
# oracle: 64-bit
import sys
for n in (0, 1, 2 ** 30 - 1, 2 ** 30, 2 ** 60, 2 ** 100, -1):
    print(n.bit_length(), sys.getsizeof(n))
