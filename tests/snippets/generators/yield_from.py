# yield from delegates to a sub-iterator and returns its return value.
def inner():
    yield 1
    yield 2
    return "inner done"

def outer():
    result = yield from inner()
    yield result

print(list(outer()))  # expect: [1, 2, 'inner done']
print(list(yield_x for yield_x in outer()))  # expect: [1, 2, 'inner done']
