# Common built-ins and methods called with the wrong number or type of arguments: each message as
# the version words it (getargs, Argument Clinic, METH_O, METH_NOARGS; 3.10+ qualified names).
# profiles: all
from __future__ import print_function
import sys
calls = [
    ([].append, ()), ([].append, (1, 2)), ({}.get, ()), ({}.get, (1, 2, 3)), ({}.pop, ()),
    ({}.setdefault, ()), ("".join, ()), ("".join, (1,)), (len, ()), (len, (1, 2)), (len, (1,)),
    (isinstance, (1,)), (getattr, (1,)), (setattr, (1, 2)), (hasattr, (1,)), (divmod, (1,)),
    (abs, ()), (min, ()), (max, ()), (sum, ()), (sorted, ()), (iter, ()), (next, ()),
    (hash, ()), (id, ()), (repr, ()), (chr, ()), (ord, ()), (ord, ("ab",)), (round, ()),
    (pow, (1,)), (zip, ()), (sys.getrefcount, ()), (sys.getsizeof, ()), (getattr(sys, "intern", len), ()),
    (getattr(sys, "intern", len), (1,)), ([].insert, (1,)), ([].index, ()), ([].count, ()), ([1].pop, (1, 2)),
    ((1,).index, ()), (set().add, ()), (set().discard, ()), (set().remove, (1,)), ({}.fromkeys, ()),
    ("".split, (1,)), ("a".startswith, ()), ("a".replace, ("a",)), ("a".encode, (1,)),
    (int, ("x",)), (float, ("x",)), (int, ("1", 1)), (callable, ()), (vars, (1,)), (dir, (1, 2)),
    (enumerate, ()), (reversed, ()), (reversed, (1,)), (map, ()), (filter, ()), (range, ()),
    (object, (1,)), (type, (1, 2)), (issubclass, (1, int)), (isinstance, (1, 1)),
]
for f, args in calls:
    try:
        r = f(*args)
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)
