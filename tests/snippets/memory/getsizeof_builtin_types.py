# sys.getsizeof of one object of each common built-in type, GC header included: functions,
# modules, methods, descriptors, slot wrappers, iterators, views, singletons and containers.
# (3.6's GC header is a documented difference: tests/cpydiff/profile_36_gc_header.md.)
# profiles: 2.7, 3.8+
# oracle: 64-bit
import sys, weakref
def f(): pass
class C(object):
    def m(self): pass
    @property
    def p(self): return 1
    @classmethod
    def cm(cls): pass
    @staticmethod
    def sm(): pass
c = C()
def g():
    yield 1
def outer():
    x = 1
    def inner(): return x
    return inner
items = [
 ("function", f), ("module", sys), ("method", c.m), ("builtin", len), ("bmeth", [].append),
 ("gen", g()), ("cell", outer().__closure__[0]), ("code", f.__code__ if hasattr(f,'__code__') else None),
 ("type", C), ("inst", c), ("wref", weakref.ref(c)), ("proxy", weakref.proxy(c)),
 ("property", C.__dict__['p']), ("classmethod", C.__dict__['cm']), ("staticmethod", C.__dict__['sm']),
 ("iter list", iter([])), ("iter tuple", iter(())), ("iter str", iter("ab")), ("iter dict", iter({})),
 ("enumerate", enumerate([])), ("reversed", reversed([1])), ("zip", zip()), ("map", map(abs, [])),
 ("filter", filter(None, [])), ("range", range(3)), ("slice", slice(1)), ("super", super(C, c)),
 ("exc", ValueError()), ("dictkeys", {}.keys()), ("object", object()), ("Ellipsis", Ellipsis),
 ("None", None), ("NotImpl", NotImplemented), ("mappingproxy", C.__dict__), ("frozenset", frozenset()),
 ("set", set()), ("bool", True), ("float", 1.5), ("complex", 1j), ("bytes", b""), ("str", ""),
 ("list", []), ("tuple", ()), ("dict", {}), ("int", 1), ("wrapper", object.__init__), ("mwrapper", c.__init__),
 ("iter range", iter(range(3))), ("iter set", iter(set())),
]
for name, o in items:
    print(name, type(o).__name__, sys.getsizeof(o))
