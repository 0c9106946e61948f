# nonlocal rebinds the enclosing function's variable; each call of the factory gets its own.
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step

a = counter()
b = counter()
print(a(), a(), a())  # expect: 1 2 3
print(b())  # expect: 1
