# The first value sent into a fresh generator must be None.
def gen():
    x = yield
    print("got", x)
    yield

g = gen()
g.send("too early")  # expect error: TypeError: can't send non-None value to a just-started generator
