# min and max take several arguments or one iterable, plus key and default.
print(min(3, 1, 2), max([3, 1, 2]))  # expect: 1 3
print(max(["a", "ccc", "bb"], key=len))  # expect: ccc
print(min([], default="empty"))  # expect: empty
print(max([(1, "b"), (1, "a")]))  # expect: (1, 'b')
print(max(3, 3.0), min(3.0, 3))  # expect: 3 3.0
