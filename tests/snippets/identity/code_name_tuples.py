# A code object's co_varnames, co_cellvars and co_freevars: 3.11 keeps one tuple of all the
# local names and builds each of these anew at every read (a fresh tuple, its only reference
# the caller's; () when there are none); before 3.11 they are the tuples the code object holds,
# and 3.12+ caches the tuple the first read built.
# profiles: 3.6+
import sys
def f(a, b):
    c = 1
    d = 2
    def g():
        return c
    return g
co = f.__code__
print(co.co_varnames, co.co_cellvars, co.co_freevars)
print(co.co_varnames is co.co_varnames, co.co_cellvars is co.co_cellvars, co.co_freevars is co.co_freevars)
print(sys.getrefcount(co.co_varnames), sys.getrefcount(co.co_cellvars))
inner = f(1, 2).__code__
print(inner.co_freevars, inner.co_freevars is inner.co_freevars, sys.getrefcount(inner.co_freevars))
