# `a is not b` is one operator, the same as `not (a is b)`.
a = [1]
b = [1]
print(a is not b)  # expect: True
print(not a is b)  # expect: True
print(a is not a)  # expect: False
print(None is not None)  # expect: False
