# An uncaught exception's traceback stays in sys.last_traceback, and with it the frames and
# their locals, until the exit clears sys.last_* (before any module goes).
# profiles: 2.7, 3.6-3.13
import sys


class A(object):
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del ' + str(self.n) + ' ' + str(sys.last_value is None))

_g = A(1)


def f():
    a = A(2)
    1 / 0

f()
