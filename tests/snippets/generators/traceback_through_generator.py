# An exception raised inside a generator propagates to the loop that drives it.
def gen():
    yield 1
    raise ValueError("from the generator")

for x in gen():
    print(x)
