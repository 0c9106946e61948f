# reverse() works in place; reversed() returns an iterator; [::-1] a new list.
l = [1, 2, 3]
r = reversed(l)
l.reverse()
print(l)  # expect: [3, 2, 1]
print(list(r))  # expect: [1, 2, 3]
print(l[::-1])  # expect: [1, 2, 3]
