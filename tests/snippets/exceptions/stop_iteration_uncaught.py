# next() on an exhausted iterator raises StopIteration; its message is empty.
it = iter([1])
print(next(it))  # expect: 1
print(next(it, "default"))  # expect: default
next(it)  # expect error: StopIteration
