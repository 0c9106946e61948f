# A tuple stores its items inline: its size is fixed by its length.
# oracle: 64-bit
import sys
print(sys.getsizeof(()))
print(sys.getsizeof((1,)))
print(sys.getsizeof((1, 2, 3)))
print(sys.getsizeof(tuple(range(10))))
