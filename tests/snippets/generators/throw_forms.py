# throw() accepts a class, a class and a value, or an instance; anything else is a TypeError.
def gen():
    while True:
        try:
            yield
        except Exception as e:
            print(type(e).__name__, e.args)

g = gen()
next(g)
g.throw(ValueError)
g.throw(ValueError, "v")
g.throw(KeyError("k"))
try:
    g.throw(1)
except TypeError as e:
    print(e)
try:
    g.throw(ValueError(), 1)
except TypeError as e:
    print(e)
