# A code object's stack depth (co_stacksize) is CPython's, handlers included: up to 3.10 an
# exception handler holds six items (the exception and the state it saved), from 3.11 each one has
# a cleanup block deeper than itself, and a with statement's handler holds lasti too. 3.11 and
# 3.12 push a call's NULL before its callable; 3.12 returns a constant without pushing it; 3.14's
# with statement keeps __exit__ and its self. The depth sizes every frame (and from 3.11 every
# generator), so getsizeof shows it.
# profiles: 3.8+
# oracle: 64-bit
import sys

def plain(): return None
def call_of_call(f): return f()()
def nested(a, b, c): return a, b, c, sorted(a.items())
def try_except():
    try:
        x = 1
    except ValueError:
        pass
def try_except_as():
    try:
        x = 1
    except ValueError as e:
        print(e, e, e)
def try_finally(f):
    try:
        return 1
    finally:
        f(1, 2, 3)
def with_as(cm):
    with cm as v:
        print(v)
def nested_handlers():
    try:
        x = 1
    except ValueError as e:
        try:
            y = 2
        except KeyError as k:
            pass
def loop_handler(xs):
    for i in xs:
        try:
            pass
        except ValueError as e:
            print(e)
def genexp_arg(xs): return sum(x * x for x in xs)

for f in (plain, call_of_call, nested, try_except, try_except_as, try_finally, with_as,
          nested_handlers, loop_handler, genexp_arg):
    print(f.__name__, f.__code__.co_stacksize)

def gen_plain():
    yield 1
def gen_handler():
    try:
        yield 1
    except ValueError:
        pass
def gen_with(cm):
    with cm:
        yield 1
def gen_loop(xs):
    for i in xs:
        try:
            yield i
        except ValueError as e:
            print(e)
for g in (gen_plain(), gen_handler(), gen_with(None), gen_loop(())):
    print(g.__name__, g.gi_code.co_stacksize, sys.getsizeof(g), sys.getsizeof(g.gi_frame))
