# sorted() returns a new list from any iterable; reverse keeps stability.
print(sorted([3, 1, 2]), sorted("bca"))  # expect: [1, 2, 3] ['a', 'b', 'c']
print(sorted({"b": 1, "a": 2}))  # expect: ['a', 'b']
print(sorted([3, 1, 2], reverse=True))  # expect: [3, 2, 1]
print(sorted([(1, "z"), (0, "y"), (1, "a")], key=lambda p: p[0]))  # expect: [(0, 'y'), (1, 'z'), (1, 'a')]
sorted([1, "a"])  # expect error: TypeError: '<' not supported between instances of 'str' and 'int'
