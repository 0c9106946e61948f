# obj.__sizeof__(): the bytes sys.getsizeof counts, less the GC header (and from 3.11 the
# pre-header): int, dict, set and frozenset have their own, the rest object's; object.__sizeof__
# called for a list is object's formula (basic size and items), not list's.
# profiles: 3.8+
# oracle: 64-bit
import sys
class A(object):
    pass
class S(object):
    __slots__ = ("a",)
def f(): pass
for o in [[], [1, 2], (), (1,), {}, {1: 2}, set(), "ab", u"ab", b"ab", 1, 2 ** 70, 1.5, True, None, object(), A(), S(), f, range(3), 1j, frozenset(), A, int]:
    try:
        s = o.__sizeof__()
    except Exception as e:
        s = type(e).__name__
    print(type(o).__name__, s, sys.getsizeof(o) - (s if isinstance(s, int) else 0))
class A(object):
    pass
for f in (lambda: object.__sizeof__(1, 2), lambda: (1).__sizeof__(2), lambda: object.__sizeof__()):
    try:
        f()
    except TypeError as e:
        print(e)
print(object.__sizeof__(A()), object.__sizeof__([1, 2, 3]), [].__sizeof__(), (1).__sizeof__(), repr(object.__sizeof__)[:30])
for f in (lambda: object.__init__(), lambda: int.__add__(), lambda: list.append(), lambda: dict.get()):
    try:
        f()
    except TypeError as e:
        print(e)
