# reversed() gives an iterator over a sequence from the end; it needs __reversed__ or a sequence.
print(list(reversed([1, 2, 3])))  # expect: [3, 2, 1]
print("".join(reversed("abc")))  # expect: cba
print(list(reversed(range(3))))  # expect: [2, 1, 0]
r = reversed([1])
print(next(r), next(r, "end"))  # expect: 1 end
