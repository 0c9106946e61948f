# copy.deepcopy copies containers all the way down but shares immutable atoms.
import copy
inner = [1, 2]
outer = [inner, "text", 10 ** 20]
d = copy.deepcopy(outer)
print(d == outer)  # expect: True
print(d[0] is inner)  # expect: False
print(d[1] is outer[1], d[2] is outer[2])  # expect: True True
inner.append(3)
print(d)  # expect: [[1, 2], 'text', 100000000000000000000]
