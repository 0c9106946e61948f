# Concatenation at run time builds a new string object; equal, not identical.
a = "ab"
b = "a"
c = b + "b"
print(a == c)  # expect: True
print(a is c)  # expect: False
d = "a" + "b"
print(d is a)  # expect: True
