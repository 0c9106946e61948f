# Attribute names are interned: the key in an instance's __dict__ is the interned string.
import sys
class A:
    pass

o = A()
o.attr_name = 1
key = list(vars(o))[0]
built = "".join(["attr", "_name"])
print(key == built)  # expect: True
print(key is built)  # expect: False
print(key is sys.intern(built))  # expect: True
