# deepcopy handles cycles: a list containing itself copies to a new list containing itself.
import copy
a = [1]
a.append(a)
b = copy.deepcopy(a)
print(b[1] is b)  # expect: True
print(b is a, b[1] is a)  # expect: False False
print(b)  # expect: [1, [...]]
