# A comprehension whose own name a closure inside captures, where that name is not a plain local
# of the enclosing code: a free or global name of a function, a class body's name. 3.12+ inline
# it with a cell of the enclosing code's own (co_cellvars), and where the name is free there,
# CPython 3.12 to 3.14 make the new cell in the free variable's slot and leave it there: after
# the comprehension the function sees the comprehension's last value, its closure does not.
# profiles: 3.6+
import sys
def outer():
    x = 'outer'
    def f():
        before = x
        fs = [lambda: x for x in range(3)]
        return before, x, [g() for g in fs]
    return f, lambda: x
f, peek = outer()
c = f.__code__
print(c.co_varnames, c.co_cellvars, c.co_freevars, c.co_nlocals)
print(f(), peek(), f.__closure__[0].cell_contents)
def outer2():
    x = 'o'
    def f():
        nonlocal x
        fs = [lambda: x for x in 'ab']
        return x, [g() for g in fs]
    return f, lambda: x
f2, peek2 = outer2()
print(f2(), peek2(), f2.__code__.co_cellvars, f2.__code__.co_freevars)
def g():
    global x
    fs = [lambda: x for x in range(3)]
    return [h() for h in fs], x
x = 'module x'
print(g.__code__.co_varnames, g.__code__.co_cellvars, len(g.__code__.co_consts))
print(g())
def implicit():
    seen = x
    fs = [lambda: x for x in 'pq']
    return seen, x, [h() for h in fs]
print(implicit(), implicit.__code__.co_cellvars)
class C:
    x = 5
    fs = [lambda: x for x in range(3)]
    zs = [x for x in range(4) if (lambda: x)() % 2]
    print(x, [q() for q in fs], zs)
    code = sys._getframe().f_code
    print(code.co_varnames, code.co_cellvars, code.co_nlocals)
    del code
print(C.x, sorted(k for k in vars(C) if not k.startswith('__')))
def in_function():
    v = 'function'
    class K:
        v = 'class'
        r = [v for _ in range(1)]
        s = [[lambda: w for w in v] for _ in range(1)]
        t = [w for w in range(3) if [lambda: w for _ in 'a'][0]() == 2]
    return K.r, [h() for h in K.s[0]], K.t
print(in_function())
class Nested:
    rows = [[lambda: (i, j) for j in range(2)] for i in range(2)]
    print([[h() for h in row] for row in rows])
fs = [lambda: b for b in range(2)]
gs = [lambda: a for a in range(2)]
print(sys._getframe().f_code.co_cellvars)
def order(b, a):
    z = 1
    return lambda: a + b + z
print(order.__code__.co_cellvars, order.__code__.co_varnames)
def inside(xs):
    y = 0
    return [sorted(locals()) for q in xs if (lambda: q)()]
print(inside([1]))
def depth():
    global w
    try:
        [lambda: w for w in [1, 0] if 1 / w]
    except ZeroDivisionError as e:
        t, n = e.__traceback__, 0
        while t is not None:
            n, t = n + 1, t.tb_next
        return n
print(depth())
class D:
    try:
        ys = [lambda: y for y in [1, 0] if 1 / y]
    except ZeroDivisionError as e:
        t, n = e.__traceback__, 0
        while t is not None:
            n, t = n + 1, t.tb_next
        print(n)
        del t, n
