# map and filter are lazy iterators in Python 3.
m = map(str, [1, 2, 3])
print(type(m).__name__, list(m), list(m))  # expect: map ['1', '2', '3'] []
print(list(map(lambda a, b: a * b, [1, 2], [3, 4])))  # expect: [3, 8]
print(list(filter(None, [0, 1, "", "a"])))  # expect: [1, 'a']
print(list(filter(lambda n: n % 2, range(6))))  # expect: [1, 3, 5]
