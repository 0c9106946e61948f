# Calling next() on a finished generator raises StopIteration every time.
def one():
    yield 1

g = one()
print(next(g))  # expect: 1
print(next(g, None))  # expect: None
next(g)  # expect error: StopIteration
