# getsizeof of a list counts the list header plus its pointer array, not the items.
# oracle: 64-bit
import sys
print(sys.getsizeof([]))
print(sys.getsizeof([1]))
print(sys.getsizeof([1, 2, 3]))
print(sys.getsizeof(["a long string" * 100]))
print(sys.getsizeof(list(range(3))))
