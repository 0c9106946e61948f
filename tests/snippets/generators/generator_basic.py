# A function containing yield returns a generator; its body runs as values are requested.
def gen():
    yield 1
    yield 2
    yield 3

g = gen()
print(type(g).__name__)  # expect: generator
print(list(g))  # expect: [1, 2, 3]
print(list(g))  # expect: []
