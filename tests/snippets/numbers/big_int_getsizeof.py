# A big int's size grows by 4 bytes for each 30 bits of value.
# oracle: 64-bit
import sys
for bits in (1, 30, 31, 60, 61, 90, 300):
    print(bits, sys.getsizeof(2 ** bits - 1))
