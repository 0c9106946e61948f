# Who holds the exception being handled, its class and its traceback. Up to 3.10 CPython keeps
# the handled exception as a (type, value, traceback) triple of references of its own, in the
# thread state, in a suspended generator and, for the one handled before, on the value stack of
# an except block; a finally block or a with statement's __exit__ keeps the triple of the
# exception passing through on the stack too. From 3.11 each of them holds the exception alone.
# 2.7 also publishes the triple as sys.exc_type, sys.exc_value and sys.exc_traceback, sets it
# for except and with but not finally, keeps no traceback on the exception, and forgets a
# generator's handled exception when it yields. 2.7 and 3.6 call __exit__ with its arguments
# packed in a tuple (2.7's bound method copies them into a second one).
# profiles: all
from __future__ import print_function
import gc
import sys


class E(Exception):
    pass


class W(object):
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", sys.getrefcount(E), sys.getrefcount(v), sys.getrefcount(tb))
        return True


rc = sys.getrefcount


def one():
    try:
        raise E(7)
    except E as e:
        saved = e
        tb = sys.exc_info()[2]
        print("body", rc(E), rc(e), rc(tb))
        try:
            raise KeyError(2)
        except KeyError:
            print("nested", rc(E), rc(e), rc(tb))
        print("after nested", rc(E), rc(e), rc(tb))
    print("after", rc(E), rc(saved), rc(tb))
    return saved, tb


e, tb = one()
print("returned", rc(E), rc(e), rc(tb))
del e, tb


def fin():
    try:
        try:
            raise E(8)
        finally:
            t = sys.exc_info()
            print("finally", rc(E), t[1] is not None and rc(t[1]), t[2] is not None and rc(t[2]))
            del t
    except E:
        pass


fin()


def wit():
    with W():
        raise E(9)


wit()


def gen():
    try:
        raise E(10)
    except E as e:
        yield rc(E), rc(e)
        yield rc(E), rc(e)


g = gen()
print("gen in", next(g))
print("gen out", rc(E), sorted(type(x).__name__ for x in gc.get_referents(g)))
print("gen again", next(g))
g = None
print("gen gone", rc(E))
