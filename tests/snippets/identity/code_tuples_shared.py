# From 3.8 the compiler puts a code object's tuples through its constant cache: two functions
# with the same co_names (or co_consts) share one tuple, and so do a tuple constant and an equal
# co_varnames; up to 3.10 the same holds for co_varnames, co_cellvars and co_freevars, which
# 3.11+ build from one co_localsplusnames instead. Before 3.8 each is its own tuple.
# profiles: 3.6+
import sys
def f(a, b): return a.x
def g(a, b): return b.x
t = ('a', 'b')
print(f.__code__.co_varnames is g.__code__.co_varnames, f.__code__.co_names is g.__code__.co_names)
print(f.__code__.co_varnames is t, f.__code__.co_consts is g.__code__.co_consts)
def h():
    c = 1
    def k(): return c
    return k
print(h.__code__.co_cellvars is h().__code__.co_freevars)
def m(x): return x.attr_of_m
u = ('attr_of_m',)
print(m.__code__.co_names is u, sys.getrefcount(u))
