# PEP 479: a StopIteration escaping a generator body becomes RuntimeError (3.7+).
def gen():
    yield 1
    next(iter([]))
    yield 2

print(list(gen()))
