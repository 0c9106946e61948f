# 3.12+ inlines a comprehension whose own name a closure inside captures: a fresh cell for the
# name each time it runs (every lambda shares it: late binding), the outer variable's cell set
# aside and put back, and no function or frame for the comprehension (a traceback shows none).
# profiles: 3.6+
import sys
fs = [lambda: x for x in range(3)]
print([f() for f in fs], fs[0].__closure__[0] is fs[2].__closure__[0])
def f(xs):
    return [lambda: x for x in xs]
gs = f([1, 2])
print([g() for g in gs], f.__code__.co_cellvars, f.__code__.co_varnames)
def h(xs):
    x = 'outer'
    keep = lambda: x
    r = [lambda: x for x in xs]
    return keep(), x, [q() for q in r], r[0].__closure__[0] is keep.__closure__[0]
print(h([1, 2]))
def k(x):
    r = [lambda: x for x in range(2)]
    return x, [q() for q in r]
print(k('arg'))
def err(xs):
    x = 'before'
    try:
        return [lambda: x for x in xs if 1 / x]
    except ZeroDivisionError:
        return x
print(err([1, 0]))
def gen(xs):
    yield [lambda: x for x in xs][0]()
print(list(gen([7])))
def m(xs):
    global y
    return [y for y in xs]
print(m([3]))
def nl():
    z = 0
    def inner(xs):
        nonlocal z
        return [z for z in xs], z
    return inner([5])
print(nl())
class C:
    ys = [lambda: y for y in range(2)]
print([q() for q in C.ys])
def depth(xs):
    try:
        [lambda: x for x in xs if 1 / x]
    except ZeroDivisionError as e:
        tb, n = e.__traceback__, 0
        while tb is not None:
            n, tb = n + 1, tb.tb_next
        return n
print(depth([0]))
