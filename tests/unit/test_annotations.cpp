// Annotations, per version: evaluated at the def and kept by the function (up to 3.9 a dict,
// 3.10-3.13 a tuple of name/value pairs made a dict when first read), or in 3.14 (PEP 649)
// evaluated only when first read, by the __annotate__ function the def makes, which sees the
// enclosing function's cells and a class's live namespace; a module's and a class's annotated
// names are collected by an __annotate__ of their own. Each test ends with the heap check.
#include <catch2/catch.hpp>

#include <string>

#include "python_run.h"

using namespace pymemlab;

namespace {

std::string run_ok(const char* profile, const char* source) {
    RunOutput o = run_python(profile, source);
    INFO(profile << ": " << o.err);
    REQUIRE(o.status == 0);
    return o.out;
}

}  // namespace

TEST_CASE("a def evaluates its annotations before 3.14 and keeps them; 3.14 waits for the first read",
          "[annotations]") {
    const char* source = R"PY(import sys, gc
class P(object): pass
base = sys.getrefcount(P)
def f(a: P) -> P: pass
kinds = [type(r).__name__ for r in gc.get_referents(f)]
print(sys.getrefcount(P) - base, 'tuple' in kinds, 'function' in kinds)
d = f.__annotations__
print(sys.getrefcount(P) - base, d is f.__annotations__, sorted(d))
)PY";
    const std::string read = "2 True ['a', 'return']\n";
    CHECK(run_ok("3.8", source) == "2 False False\n" + read);
    for (const char* profile : {"3.10", "3.13"}) CHECK(run_ok(profile, source) == "2 True False\n" + read);
    CHECK(run_ok("3.14", source) == "0 False True\n" + read);
}

TEST_CASE("3.14's __annotate__ is a function of format, refusing formats past 2", "[annotations]") {
    const std::string out = run_ok("3.14", R"PY(def f(a: int, *, b: 'x' = 1) -> None: pass
a = f.__annotate__
c = a.__code__
print(a.__qualname__, c.co_varnames, c.co_argcount, c.co_posonlyargcount, c.co_consts, c.co_names)
print(a(1) == a(2) == {'a': int, 'b': 'x', 'return': None}, a(1) is a(1))
try:
    a(3)
except NotImplementedError as e:
    print(type(e).__name__, e.args)
f.__annotations__ = {'z': 1}
print(f.__annotate__)
)PY");
    CHECK(out ==
          "__annotate__ ('format',) 1 1 (2, 'a', 'b', 'x', 'return', None) ('int',)\n"
          "True False\n"
          "NotImplementedError ()\n"
          "None\n");
}

TEST_CASE("3.14's annotations see the enclosing function's cells and the class's live namespace",
          "[annotations]") {
    const char* source = R"PY(class C(object):
    T = int
    def m(self, a: T): pass
C.T = str
print(C.m.__annotations__['a'].__name__)
def outer():
    U = int
    def f(a: U): pass
    U = bytes
    return f
print(outer().__annotations__['a'].__name__, outer.__code__.co_cellvars)
)PY";
    CHECK(run_ok("3.13", source) == "int\nint ()\n");
    CHECK(run_ok("3.14", source) == "str\nbytes ('U',)\n");
}

TEST_CASE("3.14 collects a class's and a module's annotated names in an __annotate__, noting which ran",
          "[annotations]") {
    const std::string out = run_ok("3.14", R"PY(x: int = 1
if x > 1:
    y: str = 'y'
class K(object):
    a: int
    for i in range(1):
        b: float = 1.0
    while False:
        c: bytes
print(sorted(__conditional_annotations__), __annotate__(1))
keys = [k for k in K.__dict__ if 'annot' in k or 'cond' in k]
print(keys, K.__annotate_func__.__code__.co_freevars)
print(K.__annotations__, K.__annotations__ is K.__dict__['__annotations_cache__'])
class Plain(object): pass
print(Plain.__annotations__, Plain.__annotate__, '__annotate_func__' in Plain.__dict__)
)PY");
    CHECK(out ==
          "[0] {'x': <class 'int'>}\n"
          "['__annotate_func__'] ('__classdict__', '__conditional_annotations__')\n"
          "{'a': <class 'int'>, 'b': <class 'float'>} True\n"
          "{} None True\n");
}

TEST_CASE("a function keeps None for a missing docstring, and from 3.10 its builtins", "[annotations]") {
    const char* source = R"PY(import gc
def f(): pass
print([type(r).__name__ for r in gc.get_referents(f)])
)PY";
    CHECK(run_ok("3.8", source) == "['code', 'dict', 'str', 'NoneType', 'str', 'str']\n");
    for (const char* profile : {"3.10", "3.14"})
        CHECK(run_ok(profile, source) == "['code', 'dict', 'dict', 'str', 'NoneType', 'str', 'str']\n");
}

TEST_CASE("3.14's __annotations__ refuses an __annotate__ that returns no dict, for each owner", "[annotations]") {
    const std::string out = run_ok("3.14", R"PY(import sys
def f(): pass
class C(object): pass
m = type(sys)('m')
for owner in (f, C, m):
    owner.__annotate__ = lambda format: 5
    try:
        owner.__annotations__
    except TypeError as e:
        print(e)
)PY");
    CHECK(out ==
          "__annotate__ returned non-dict of type 'int'\n"
          "__annotate__ returned non-dict of type 'int'\n"
          "__annotate__ returned non-dict of type 'int'\n");
}

TEST_CASE("3.14's class __annotate__ and __annotations__ setters keep the class dict as CPython does", "[annotations]") {
    const std::string out = run_ok("3.14", R"PY(class C(object):
    a: int
C.__annotations__
C.__annotate__ = lambda format: {'z': 1}
print([k for k in C.__dict__ if 'annot' in k], C.__annotations__)
C.__annotations__ = {'q': 2}
print([k for k in C.__dict__ if 'annot' in k], C.__annotate__)
del C.__annotations__
print([k for k in C.__dict__ if 'annot' in k])
try:
    del C.__annotate__
except TypeError as e:
    print(e)
)PY");
    CHECK(out ==
          "['__annotate_func__'] {'z': 1}\n"
          "['__annotations_cache__'] None\n"
          "[]\n"
          "cannot delete __annotate__ attribute\n");
}

TEST_CASE("under from __future__ import annotations each annotation is the string of its source", "[annotations]") {
    const char* source = R"PY(from __future__ import annotations
def f(a: 1 + 2, b: List[int], c: "x", d: int | None = None, *e: 'T', g: a.b[1:2, ::3] = 1, **h: (1,)) -> -1e300 * 10: pass
print(f.__annotations__)
class C(object):
    x: Dict[str, int] = 1
    y: lambda q, *, r=2: q
z: 1e309
print(C.__annotations__, __annotations__)
)PY";
    const std::string common = "'b': 'List[int]', 'c': \"'x'\", 'd': 'int | None', 'e': \"'T'\", 'g': 'a.b[1:2, ::3]', ";
    const std::string classes = "{'x': 'Dict[str, int]', 'y': 'lambda q, *, r=2: q'} ";
    // 3.8 writes what its optimizer folded, and infinity as inf.
    CHECK(run_ok("3.8", source) == "{'a': '3', " + common + "'h': '(1,)', 'return': '-1e+301'}\n" + classes +
                                       "{'z': 'inf'}\n");
    for (const char* profile : {"3.10", "3.13", "3.14"})
        CHECK(run_ok(profile, source) == "{'a': '1 + 2', " + common + "'h': '(1,)', 'return': '-1e+300 * 10'}\n" +
                                             classes + "{'z': '1e309'}\n");
}
