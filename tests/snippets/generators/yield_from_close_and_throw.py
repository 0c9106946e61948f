# yield from forwards close() and throw() to the sub-generator; gi_yieldfrom shows it.
def sub():
    try:
        yield 1
        yield 2
    finally:
        print("sub closed")
    return 5

def outer():
    r = yield from sub()
    print("returned", r)
    yield r

g = outer()
print(next(g), g.gi_yieldfrom.__name__)
g.close()
g = outer()
next(g)
try:
    g.throw(ValueError("x"))
except ValueError as e:
    print("propagated", e, g.gi_frame)
g = outer()
print(next(g), next(g), next(g))
