# A code object's size from 3.11 counts CPython's code units: each instruction and the inline
# cache entries that follow it (BINARY_OP 1, LOAD_ATTR 4 in 3.11 and 9 after, a call's CALL 4
# or 3 and 3.11's PRECALL, LOAD_GLOBAL 5 or 4, 3.13's conditional jumps 1 and TO_BOOL 3), the
# RESUME every code object starts with, and what each version merges or adds: 3.12's
# RETURN_CONST and BINARY_SLICE, 3.13's superinstructions, a generator's prologue. Calling a
# method of an imported module is a plain attribute load from 3.11 (not LOAD_METHOD).
# profiles: all
# oracle: 64-bit
from __future__ import print_function
import sys
def add(a, b): return a + b
def attr(x): return x.attr
def length(x): return len(x)
def method(x): return x.method(1)
def total(xs):
    t = 0
    for x in xs:
        t += x
    return t
def item(d, k): return d[k]
def less(a): return a < 3
def branch(a):
    if a:
        return 1
    return 2
def store(x):
    x.y = 1
    return x
def name(): return print
def negate(a): return not a
def piece(s): return s[1:2]
def pair(a): return (a, a)
def guarded():
    try:
        return 1
    except Exception:
        return 2
def counts(x): return sys.getrefcount(x)
def default(x=None):
    if x is None:
        x = []
    return x
def gen():
    yield 1
def keywords(): return dict(a=1)
def outer():
    v = 1
    def inner(): return v
    return inner
for f in (add, attr, length, method, total, item, less, branch, store, name, negate, piece, pair,
          guarded, counts, default, gen, keywords, outer, outer()):
    print(f.__name__, sys.getsizeof(f.__code__))
