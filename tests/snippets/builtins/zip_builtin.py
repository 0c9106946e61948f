# zip stops at the shortest input; zip(*pairs) transposes.
print(list(zip([1, 2, 3], "ab")))  # expect: [(1, 'a'), (2, 'b')]
pairs = [(1, "a"), (2, "b")]
nums, letters = zip(*pairs)
print(nums, letters)  # expect: (1, 2) ('a', 'b')
print(list(zip()))  # expect: []
print(dict(zip("xy", [0, 1])))  # expect: {'x': 0, 'y': 1}
