# Too few or too many positional arguments to functions whose checks CPython words as
# PyArg_UnpackTuple and _PyArg_CheckPositional do ("expected at most 1 argument, got 2"), with
# the plural each version used for a bound of 1.
# profiles: all
from __future__ import print_function
import gc
import sys
import weakref


class C(object):
    pass


def g():
    yield 1


c = C()
calls = [
    (tuple, (1, 2)), (list, (1, 2)), (bool, (1, 2)), (range, (1, 2, 3, 4)), (set, (1, 2)),
    (frozenset, (1, 2)), ({}.update, (1, 2)), (weakref.ref, ()), (weakref.ref, (c, None, 3)),
    (weakref.proxy, ()), (weakref.proxy, (c, None, 3)), (g().throw, ()), (g().throw, (1, 2, 3, 4)),
    (gc.set_threshold, ()), (gc.set_threshold, (1, 2, 3, 4)), (sys.exit, (1, 2)),
]
for f, args in calls:
    try:
        f(*args)
    except TypeError as e:
        print(e)
