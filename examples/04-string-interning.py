# Identifier-like string constants are interned; strings built at run time are new objects.
import sys
a = "hello"
b = "".join(["hel", "lo"])   # built at run time
print(a == b, a is b)
print(sys.intern(b) is a)    # the constant "hello" is already in the intern table

c = "hello world!"
d = "hello world!"
print(c is d)                # one code object: equal constants are one object

e = "".join(["hello", " world!"])
print(e == c, e is c)
f = sys.intern(e)            # e enters the intern table
print(f is e, sys.intern(c) is e)
