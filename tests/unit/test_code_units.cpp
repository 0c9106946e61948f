// From 3.11 a code object's size counts CPython's code units (code_units.h), which the lab
// counts from its own instructions. The table: len(co_code) // 2 of each function, measured on
// the pyenv builds and (3.14) on Pyodide 314.0.2, where the count does not depend on the word
// size.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checked_runtime.h"
#include "compile_support.h"
#include "interp/code_object.h"
#include "interp/code_units.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

using namespace pymemlab;

namespace {

const char* const kSource = R"PY(import sys
def add(a, b): return a + b
def attr(x): return x.attr
def total(xs):
    t = 0
    for x in xs:
        t += x
    return t
def item(d, k): return d[k]
def branch(a):
    if a:
        return 1
    return 2
def pair(a): return (a, a)
def guarded():
    try:
        return 1
    except Exception:
        return 2
def default(x=None):
    if x is None:
        x = []
    return x
def andor(a, b, c): return a and b or c
def loop(n):
    while n > 0:
        n -= 1
    return n
def check(x):
    assert x > 0, 'neg'
    return x
def comp(xs): return [x for x in xs if x]
def withs(cm):
    with cm as v:
        return v
def nested(a):
    if a and not a.b:
        return 1
    elif a is not None:
        return 2
    return 3
def chain(a, b, c): return a < b < c
def kw(f): return f(a=1, b=2)
def dd(): return {'a': 1}
def sl(x): x[1:2] = x; return x[::2]
def fstr(x): return f'{x}!'
def unpack(t):
    a, b = t
    return b, a
def lam(): return lambda y: y + 1
def length(x): return len(x)
def method(x): return x.method(1)
def less(a): return a < 3
def store(x):
    x.y = 1
    return x
def name(): return print
def negate(a): return not a
def piece(s): return s[1:2]
def counts(x): return sys.getrefcount(x)
def gen():
    yield 1
def keywords(): return dict(a=1)
def outer():
    v = 1
    def inner(): return v
    return inner
)PY";

using Counts = std::vector<std::pair<std::string, int64_t>>;

// Each code object's name and CPython's count for it, depth first from the module's constants.
void count_units(Runtime& rt, const PyObject* code, Counts* out) {
    const PyObject* consts = as_code(code)->co_consts.p;
    for (int64_t i = 0; i < Py_SIZE(consts); ++i) {
        const PyObject* c = tuple_items(const_cast<PyObject*>(consts))[i];
        if (Py_TYPE(c) != rt.builtins().code_type) continue;
        const CodeUnitsContext cx{as_code(c)->co_consts.p, Py_SIZE(as_code(c)->co_freevars.p),
                                  rt.builtins().singletons.none};
        out->emplace_back(str_as_utf8(rt, as_code(c)->co_name.p), cpython_code_layout(rt.profile(), code_body(c), cx).total);
        count_units(rt, c, out);
    }
}

}  // namespace

TEST_CASE("from 3.11 the code units of each function are CPython's", "[compiler]") {
    const std::map<std::string, Counts> measured = {
        {"3.11",
         {{"add", 6}, {"attr", 8}, {"total", 15}, {"item", 9}, {"branch", 7}, {"pair", 5}, {"guarded", 21},
          {"default", 7}, {"andor", 7}, {"loop", 20}, {"check", 19}, {"comp", 13}, {"<listcomp>", 11},
          {"withs", 31}, {"nested", 18}, {"chain", 17}, {"kw", 14}, {"dd", 5}, {"sl", 19}, {"fstr", 6},
          {"unpack", 10}, {"lam", 4}, {"<lambda>", 6}, {"length", 16}, {"method", 22}, {"less", 7},
          {"store", 10}, {"name", 8}, {"negate", 4}, {"piece", 11}, {"counts", 21}, {"gen", 9},
          {"keywords", 17}, {"outer", 11}, {"inner", 4}}},
        {"3.12",
         {{"add", 6}, {"attr", 13}, {"total", 17}, {"item", 6}, {"branch", 5}, {"pair", 5}, {"guarded", 18},
          {"default", 7}, {"andor", 11}, {"loop", 19}, {"check", 15}, {"comp", 25}, {"withs", 27},
          {"nested", 20}, {"chain", 17}, {"kw", 11}, {"dd", 5}, {"sl", 14}, {"fstr", 6}, {"unpack", 10},
          {"lam", 4}, {"<lambda>", 6}, {"length", 12}, {"method", 18}, {"less", 6}, {"store", 10}, {"name", 7},
          {"negate", 4}, {"piece", 6}, {"counts", 22}, {"gen", 10}, {"keywords", 13}, {"outer", 11},
          {"inner", 4}}},
        {"3.13",
         {{"add", 5}, {"attr", 13}, {"total", 18}, {"item", 5}, {"branch", 10}, {"pair", 4}, {"guarded", 19},
          {"default", 8}, {"andor", 21}, {"loop", 22}, {"check", 16}, {"comp", 32}, {"withs", 32},
          {"nested", 31}, {"chain", 21}, {"kw", 8}, {"dd", 5}, {"sl", 13}, {"fstr", 6}, {"unpack", 8},
          {"lam", 4}, {"<lambda>", 6}, {"length", 12}, {"method", 18}, {"less", 6}, {"store", 10}, {"name", 7},
          {"negate", 8}, {"piece", 6}, {"counts", 23}, {"gen", 10}, {"keywords", 10}, {"outer", 12},
          {"inner", 4}}},
        {"3.14",
         {{"add", 9}, {"attr", 13}, {"total", 22}, {"item", 9}, {"branch", 13}, {"pair", 4}, {"guarded", 22},
          {"default", 9}, {"andor", 23}, {"loop", 21}, {"check", 17}, {"comp", 33}, {"withs", 44},
          {"nested", 37}, {"chain", 22}, {"kw", 11}, {"dd", 5}, {"sl", 14}, {"fstr", 6}, {"unpack", 8},
          {"lam", 4}, {"<lambda>", 10}, {"length", 12}, {"method", 18}, {"less", 6}, {"store", 10},
          {"name", 7}, {"negate", 8}, {"piece", 10}, {"counts", 23}, {"gen", 11}, {"keywords", 13},
          {"outer", 12}, {"inner", 4}}},
    };
    for (const auto& [profile, expected] : measured) {
        INFO(profile);
        CheckedRuntime rt(profile.c_str());
        SyntaxErrorInfo err;
        PyObject* code = compile_for_test(rt, kSource, &err);
        REQUIRE(code != nullptr);
        Counts counted;
        count_units(rt, code, &counted);
        CHECK(counted == expected);
        rt.decref(code);
    }
}
