# A str's size depends on its widest character: 1, 2 or 4 bytes per character (PEP 393).
# oracle: 64-bit
import sys
for s in ("", "a", "abc", "\xe9", "\u20ac", "\U0001f600", "a" * 100):
    print(len(s), sys.getsizeof(s))
