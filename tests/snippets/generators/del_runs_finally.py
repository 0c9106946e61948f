# Dropping the last reference to a suspended generator closes it at once.
def gen():
    try:
        yield 1
    finally:
        print("generator closed")

g = gen()
next(g)
print("dropping")  # expect: dropping
del g  # expect: generator closed
print("after")  # expect: after
