# copy.copy makes a new outer list whose items are the same objects.
import copy
inner = [1, 2]
outer = [inner, "s"]
c = copy.copy(outer)
print(c == outer, c is outer)  # expect: True False
print(c[0] is inner)  # expect: True
inner.append(3)
print(c)  # expect: [[1, 2, 3], 's']
