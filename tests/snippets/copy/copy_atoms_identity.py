# Immutable atoms are returned as they are: copying a string or a big int gives the same object.
import copy
s = "".join(["some", " text"])
n = 10 ** 30
print(copy.copy(s) is s, copy.deepcopy(s) is s)  # expect: True True
print(copy.copy(n) is n, copy.deepcopy(n) is n)  # expect: True True
print(copy.copy(None) is None)  # expect: True
