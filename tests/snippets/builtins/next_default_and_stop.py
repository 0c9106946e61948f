# next() on an exhausted iterator raises StopIteration unless a default is given.
it = iter("ab")
print(next(it))  # expect: a
print(next(it))  # expect: b
print(next(it, None))  # expect: None
print(list(it))  # expect: []
