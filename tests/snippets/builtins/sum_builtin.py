# sum() adds numbers starting from 0 (or a given start); it refuses strings.
print(sum([1, 2, 3]), sum([1, 2, 3], 10))  # expect: 6 16
print(sum([[1], [2]], []))  # expect: [1, 2]
print(sum(x / 2 for x in range(4)))  # expect: 3.0
sum(["a", "b"], "")  # expect error: TypeError: sum() can't sum strings [use ''.join(seq) instead]
