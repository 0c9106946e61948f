# The fixed cost of empty built-in objects.
# oracle: 64-bit
import sys
for obj in ([], (), {}, set(), frozenset(), "", b"", 0.0, None, object()):
    print(type(obj).__name__, sys.getsizeof(obj))
