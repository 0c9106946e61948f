# Nothing in the body runs until next(); each next() runs to the following yield.
def gen():
    print("start")
    yield "a"
    print("middle")
    yield "b"
    print("end")

g = gen()
print("created")
print(next(g))
print(next(g))
print(next(g, "done"))
