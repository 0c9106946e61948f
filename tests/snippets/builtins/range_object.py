# range is a lazy sequence: it supports len, indexing, slicing and `in` without a list.
r = range(0, 20, 3)
print(r)  # expect: range(0, 20, 3)
print(list(r))  # expect: [0, 3, 6, 9, 12, 15, 18]
print(len(r), r[2], r[-1])  # expect: 7 6 18
print(r[1:3])  # expect: range(3, 9, 3)
print(9 in r, 10 in r)  # expect: True False
print(list(range(5, 0, -2)))  # expect: [5, 3, 1]
