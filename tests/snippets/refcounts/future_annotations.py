# `from __future__ import annotations` (PEP 563, 3.7+) keeps each annotation as the string of its
# source: nothing is evaluated, so a name need not exist yet and the objects it names gain no
# references; a function keeps only strings (3.10-3.13 a tuple of name/string pairs until first
# read, 3.14 an __annotate__ returning them). 3.7-3.9 write what their optimizer folded (1024).
# profiles: 3.8+
from __future__ import annotations
import sys


class Point(object):
    pass


base = sys.getrefcount(Point)
def move(p: Point, q: List[Point] = None) -> Point | None:
    return p
print('after def', sys.getrefcount(Point) - base, callable(getattr(move, '__annotate__', None)))
print(move.__annotations__)
print('after reading', sys.getrefcount(Point) - base)
class Config(object):
    size: 2 ** 10
    name: str = 'x'
print(Config.__annotations__, sorted(k for k in Config.__dict__ if 'annot' in k))
print('__annotate__' in globals(), type(annotations).__name__)
