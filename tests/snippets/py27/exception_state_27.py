# Where 2.7 keeps a raised exception's traceback: not on the exception (2.7's has no
# __traceback__; its third field is `message`) but beside it, in the thread state while it is
# handled, and in sys.exc_type, sys.exc_value and sys.exc_traceback, until the function that
# handled it returns. So a saved exception keeps no frame alive, where in 3.x it keeps every
# frame it passed through. Each frame holds its caller (f_back) from the call on.
# profiles: 2.7
import gc
import sys


class Big(object):
    def __del__(self):
        print "Big freed"


def fail():
    big = Big()
    raise ValueError("went wrong")


def catch():
    try:
        fail()
    except ValueError as e:
        print "handling", sys.exc_value is e, sys.getrefcount(e)
        return e


saved = catch()
print "caught and returned"
print sys.getrefcount(saved), sys.exc_type, hasattr(sys, "exc_value")
print saved.message, saved.message is saved.args[0]
print sorted(type(x).__name__ for x in gc.get_referents(saved))
print ValueError().message == "", ValueError(1, 2).message == ""

try:
    raise KeyError("k")
except KeyError as k:
    pass
print "module level", sys.exc_value is k, sys.getrefcount(k), sys.getrefcount(sys.exc_traceback)
sys.exc_clear()
print sys.exc_info(), sys.exc_value


def inner():
    return sys._getframe()


def outer():
    return inner()


f = outer()
print f.f_code.co_name, f.f_back.f_code.co_name, f.f_back.f_back is sys._getframe()
print sys.getrefcount(f.f_back)
del f
