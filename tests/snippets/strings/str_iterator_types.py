# Iterating a str or bytes goes through an iterator that holds the sequence until it is
# exhausted; 3.11 gave ASCII strings an iterator type of their own.
import sys
s = "h" + "ello"
it = iter(s)
print(type(it).__name__, type(iter("é")).__name__, type(iter(b"x")).__name__)
before = sys.getrefcount(s)
it2 = iter(s)
print(sys.getrefcount(s) - before)
print(list(it2), sys.getrefcount(s) - before)
print(next(it), next(it), list(it), list(it))
print([c for c in "ab€"], list(b"ab"), "".join(reversed("abc")))
chars = list("xyx")
print(chars[0] is chars[2], chars[0] is "xyx"[0])
