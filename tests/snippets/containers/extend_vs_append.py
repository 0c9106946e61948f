# append adds one item (even a list); extend adds each item of an iterable.
a = [1, 2]
a.append([3, 4])
print(a)  # expect: [1, 2, [3, 4]]
b = [1, 2]
b.extend([3, 4])
print(b)  # expect: [1, 2, 3, 4]
b.extend("ab")
print(b)  # expect: [1, 2, 3, 4, 'a', 'b']
