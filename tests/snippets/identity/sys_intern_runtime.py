# sys.intern() maps equal strings to one object, whatever built them.
import sys
parts = ["it is", " a very good day"]
a = sys.intern(parts[0] + parts[1])
b = sys.intern("".join(parts))
print(a is b)  # expect: True
c = parts[0] + parts[1]
print(c is a)  # expect: False
print(sys.intern(c) is a)  # expect: True
