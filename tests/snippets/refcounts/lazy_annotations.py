# Annotations cost references when they are evaluated: up to 3.13 at the def, where the function
# keeps each annotation (3.10+ in a tuple, a dict once read); in 3.14 (PEP 649) only when
# __annotations__ is first read, by calling the function's __annotate__, a function of its own
# the def makes instead. A name an annotation misses is an error only then, and a local it names
# becomes a cell of the enclosing function, which __annotate__ closes over.
import sys


class Point(object):
    pass


base = sys.getrefcount(Point)
def move(p: Point, q: Point) -> Point:
    return p
print('after def', sys.getrefcount(Point) - base, hasattr(move, '__annotate__'))
print('annotations', move.__annotations__ == {'p': Point, 'q': Point, 'return': Point})
print('after reading', sys.getrefcount(Point) - base)
try:
    def late(x: Missing): pass
    print('defined', late.__name__)
    late.__annotations__
except NameError as e:
    print('NameError', e)

def outer():
    T = Point
    def inner(t: T): pass
    return inner
print('cells', outer.__code__.co_cellvars, outer().__annotations__ == {'t': Point})
