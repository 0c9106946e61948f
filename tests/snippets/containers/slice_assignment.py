# Assigning to a slice replaces that stretch in place, growing or shrinking the list.
# profiles: all
a = [0, 1, 2, 3, 4]
a[1:3] = ["x", "y", "z"]
print(a)  # expect: [0, 'x', 'y', 'z', 3, 4]
a[::2] = [9, 9, 9]
print(a)  # expect: [9, 'x', 9, 'z', 9, 4]
del a[1:4]
print(a)  # expect: [9, 9, 4]
