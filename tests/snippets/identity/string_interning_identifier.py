# Identifier-like string constants are interned; an equal string built at run time is not,
# until sys.intern() returns the interned copy.
import sys
a = "hello_world"
c = "".join(["hello", "_world"])
print(a == c)  # expect: True
print(a is c)  # expect: False
print(sys.intern(c) is a)  # expect: True
