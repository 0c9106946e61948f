# A module function given too few or too many arguments: 3.10+ name the module ("sys.getrefcount()
# takes exactly one argument"), PyArg_ParseTuple's functions until 3.7 count "1 argument"; 2.7's
# sys has no intern (the builtin intern() is it).
# profiles: all
from __future__ import print_function
import sys
import weakref
calls = [(sys.getrefcount, ()), (sys.getrefcount, (1, 2)), (sys.setrecursionlimit, ()),
         (sys.setrecursionlimit, (1, 2)), (getattr(sys, "intern", len), ()), (getattr(sys, "intern", len), (1,)),
         (weakref.getweakrefcount, ()), (sys.getsizeof, (1, 2, 3))]
for f, args in calls:
    try:
        f(*args)
        print("ok")
    except TypeError as e:
        print(e)
print(hasattr(sys, "intern"))
