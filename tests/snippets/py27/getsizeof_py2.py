# Python 2's object sizes: str is bytes with a 37-byte header; ints are fixed 24 bytes.
# profiles: 2.7
# oracle: 64-bit
import sys
print sys.getsizeof(""), sys.getsizeof("abc"), sys.getsizeof(u"abc")
print sys.getsizeof(1), sys.getsizeof(2 ** 62), sys.getsizeof(2 ** 64)
print sys.getsizeof([]), sys.getsizeof({}), sys.getsizeof(())
