# From 3.12 a list, set or dict comprehension runs inside the code that contains it (PEP 709):
# no function object and no frame of its own (a traceback through one shows the enclosing
# function only), its iteration variables set aside and put back around it, and the enclosing
# function's variables it reads stay plain locals rather than becoming cells. Up to 3.11 it is a
# nested function called with the outer iterator. Generator expressions are functions in all.
# profiles: 3.6+
import sys


def frames_of(exc):
    names = []
    tb = exc.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    return names


def divide(xs):
    return [1 // x for x in xs]


try:
    divide([1, 0])
except ZeroDivisionError as e:
    print(frames_of(e))


def generator_divide(xs):
    return list(1 // x for x in xs)


try:
    generator_divide([0])
except ZeroDivisionError as e:
    print(frames_of(e))


def isolated():
    x = "outer"
    squares = [x * x for x in range(4)]
    pairs = {x: y for x, y in [(1, 2)]}
    try:
        [1 // x for x in range(2)]
    except ZeroDivisionError:
        pass
    return x, squares, pairs


print(isolated())


def reads_outer(n):
    base = [n]
    r = [b + i for b in base for i in range(n)]
    return r, sys.getrefcount(base) - 1, isolated.__code__.co_cellvars, reads_outer.__code__.co_cellvars


print(reads_outer(2))


def consts_of(f):
    return sorted(type(c).__name__ for c in f.__code__.co_consts)


print(consts_of(isolated))
print(consts_of(generator_divide))


class K(object):
    items = [1, 2]
    doubled = [i * 2 for i in items]
    try:
        [1 // i for i in range(2)]
    except ZeroDivisionError as e:
        print(frames_of(e))
    try:
        [items for _ in range(1)]
    except NameError as e:
        print(e)


print(K.doubled, hasattr(K, "i"))
print([f() for f in [lambda: x for x in range(2)]])
x = "module"
print([x for x in "ab"], x)
print([y for y in range(3) if (found := y) > 0], found)
