# Python 2 leaves a caught exception set after its except block: sys.exc_info() still gives it,
# and its traceback keeps the frames it passed through alive (their locals too) until the frame
# that caught it returns, another exception is caught, or sys.exc_clear() runs (set_exc_info and
# reset_exc_info in 2.7's ceval.c). Python 3 clears it when the except block ends.
# profiles: 2.7
import sys, gc
class Noisy(object):
    def __init__(self, n): self.n = n
    def __del__(self): print "del", self.n
def inner():
    try:
        raise ValueError("inner")
    except ValueError:
        pass
    return sys.exc_info()[1]
def outer():
    try:
        raise KeyError("outer")
    except KeyError:
        r = inner()
        return r, sys.exc_info()[1]
print repr(outer()), sys.exc_info()
def keeps():
    local = Noisy(1)
    raise IndexError("x")
try:
    keeps()
except IndexError:
    pass
print "after except", sys.exc_info()[0]
sys.exc_clear()
print "after clear", sys.exc_info()
def g():
    try:
        raise TypeError("g")
    except TypeError:
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]
it = g()
print repr(next(it)), sys.exc_info()[0], repr(next(it))
def nested():
    try:
        raise ValueError(1)
    except ValueError:
        try:
            raise KeyError(2)
        except KeyError:
            pass
        return sys.exc_info()[1]
print repr(nested()), sys.exc_info()
try:
    raise ValueError("m")
except ValueError:
    pass
try:
    raise KeyError("n")
except KeyError:
    pass
print repr(sys.exc_info()[1])
def f2():
    return sys.exc_info()[1]
print repr(f2())
