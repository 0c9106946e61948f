# A generator keeps its own handled exception across yields; bare raise sees the caller's.
import sys

def gen():
    try:
        raise ValueError("inner")
    except ValueError:
        yield repr(sys.exc_info()[1])
        yield repr(sys.exc_info()[1])

g = gen()
print(next(g))
try:
    raise KeyError("outer")
except KeyError:
    print(next(g))

def reraiser():
    yield 1
    raise

r = reraiser()
next(r)
try:
    raise TypeError("caller")
except TypeError:
    try:
        next(r)
    except TypeError as e:
        print("reraised", repr(e))
