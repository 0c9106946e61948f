# repr, __name__ and __qualname__ of generators come from the function (or <genexpr>).
def outer():
    def inner():
        yield 2
    return inner()

g = outer()
print(repr(g).startswith("<generator object outer.<locals>.inner at 0x"))
print(g.__name__, g.__qualname__)
e = (x for x in [1])
print(e.__name__, e.__qualname__)
g.__name__ = "renamed"
print(g.__name__)
try:
    g.__name__ = 1
except TypeError as err:
    print(err)
