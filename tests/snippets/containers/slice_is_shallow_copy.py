# Slicing builds a new list that refers to the same items.
# profiles: all
a = [[1], [2]]
b = a[:]
print(a == b)  # expect: True
print(a is b)  # expect: False
print(a[0] is b[0])  # expect: True
b[0].append(9)
print(a)  # expect: [[1, 9], [2]]
