// 3.14's borrowed local loads: which LOAD_FASTs the compiler turns into LOAD_FAST_BORROW
// (Python/flowgraph.c optimize_load_fast) and what the VM then counts. The counts follow CPython's
// rule: a borrowed item holds no reference, and an argument moved from a borrowed item into a
// callee's frame stays borrowed there (CPYTHON_FACTS.md: getrefcount of a local inside a function
// is 1 in 3.14, 2 before).
#include <catch2/catch.hpp>
#include <string>

#include "checked_runtime.h"
#include "compile_support.h"
#include "interp/code_object.h"
#include "interp/compiler.h"
#include "interp/parser.h"
#include "object/tuple_object.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

// The opcodes of the first function defined in `source`, compiled under `profile`, space-separated;
// loads show as NAME(varname index).
std::string function_ops(const char* profile, const std::string& source) {
    CheckedRuntime rt(profile);
    SyntaxErrorInfo err;
    PyObject* code = compile_for_test(rt, source, &err);
    REQUIRE(code != nullptr);
    std::string s;
    PyObject* consts = as_code(code)->co_consts.p;
    for (int64_t i = 0; i < Py_SIZE(consts); ++i) {
        PyObject* c = tuple_items(consts)[i];
        if (Py_TYPE(c) != code_type(rt)) continue;
        for (const Instr& in : code_body(c).instrs) {
            if (in.op != Opcode::LOAD_FAST && in.op != Opcode::LOAD_FAST_BORROW) continue;
            s += (s.empty() ? "" : " ") + std::string(in.op == Opcode::LOAD_FAST ? "LOAD_FAST" : "BORROW") + "(" +
                 std::to_string(in.arg) + ")";
        }
        break;
    }
    rt.decref(code);
    return s;
}

}  // namespace

// ==== the compiler's rule =======================================================================

TEST_CASE("a local consumed by a call in its block is a borrowed load in 3.14 only", "[borrow]") {
    const std::string src = "import sys\ndef f():\n    x = []\n    return sys.getrefcount(x)\n";
    CHECK(function_ops("3.14", src) == "BORROW(0)");
    CHECK(function_ops("3.13", src) == "LOAD_FAST(0)");
    CHECK(function_ops("3.12", src) == "LOAD_FAST(0)");
}

TEST_CASE("a load whose item is stored into another local keeps its own reference", "[borrow]") {
    CHECK(function_ops("3.14", "def f(a):\n    b = a\n    return b\n") == "LOAD_FAST(0) BORROW(1)");
}

TEST_CASE(
    "a load whose local is overwritten while the item is on the stack "
    "keeps its reference",
    "[borrow]") {
    CHECK(function_ops("3.14", "def f(a, g):\n    return g(a, (a := 1))\n") == "BORROW(1) LOAD_FAST(0)");
}

TEST_CASE(
    "a load of a local that may be unbound there (LOAD_FAST_CHECK) is "
    "never borrowed",
    "[borrow]") {
    CHECK(function_ops("3.14", "def f(c, g):\n    if c:\n        x = 1\n    return g(x)\n") ==
          "BORROW(0) BORROW(1) LOAD_FAST(2)");
}

TEST_CASE(
    "an item still on the stack at the end of its basic block keeps its "
    "reference",
    "[borrow]") {
    // `a or b`: a stays on the stack along the jump; b is still on the stack when its block ends at
    // the label of the shared return.
    CHECK(function_ops("3.14", "def f(a, b):\n    return a or b\n") == "LOAD_FAST(0) LOAD_FAST(1)");
    CHECK(function_ops("3.14", "def f(a, b):\n    return a + b\n") == "BORROW(0) BORROW(1)");
}

TEST_CASE(
    "two loads on one line pair up as LOAD_FAST_LOAD_FAST and borrow "
    "together or not at all",
    "[borrow]") {
    // The pair (a, b): a's item is stored into c, so b's load keeps its reference too.
    CHECK(function_ops("3.14", "def f(a, b):\n    c, d = a, b\n    return c\n") ==
          "LOAD_FAST(0) LOAD_FAST(1) BORROW(2)");
    CHECK(function_ops("3.14", "def f(a, b, g):\n    return g(a, b)\n") == "BORROW(2) BORROW(0) BORROW(1)");
}

TEST_CASE("the iterable of a for loop is a borrowed load: GET_ITER consumes it", "[borrow]") {
    CHECK(function_ops("3.14", "def f(a):\n    for i in a:\n        pass\n") == "BORROW(0)");
}

// ==== what the VM counts ========================================================================

TEST_CASE("getrefcount of a local inside a function is 1 in 3.14 and 2 before", "[borrow]") {
    const char* src =
        "import sys\n"
        "def local():\n"
        "    x = []\n"
        "    return sys.getrefcount(x)\n"
        "print(local())\n";
    CHECK(run_python("3.14", src).out == "1\n");
    CHECK(run_python("3.13", src).out == "2\n");
    CHECK(run_python("3.11", src).out == "2\n");
}

TEST_CASE(
    "an argument passed from module level is the callee's own reference "
    "in 3.14",
    "[borrow]") {
    // examples/07: a, b, c's two slots, x (moved from the caller's stack); no argument item.
    const char* src =
        "import sys\n"
        "a = [1, 2, 3]\n"
        "b = a\n"
        "c = [a, a]\n"
        "def count(x):\n"
        "    return sys.getrefcount(x)\n"
        "print(count(a))\n";
    CHECK(run_python("3.14", src).out == "5\n");
    CHECK(run_python("3.13", src).out == "6\n");
}

TEST_CASE(
    "an argument moved from a borrowed item stays borrowed in the callee "
    "in 3.14",
    "[borrow]") {
    // f's local holds the only reference; self and the argument in m hold none (CPython moves the
    // caller's _PyStackRef into the callee's frame as it is).
    const char* src =
        "import sys\n"
        "class C:\n"
        "    def m(self):\n"
        "        return sys.getrefcount(self)\n"
        "def g(p):\n"
        "    return sys.getrefcount(p)\n"
        "def f():\n"
        "    c = C()\n"
        "    return c.m(), g(c)\n"
        "print(f())\n";
    CHECK(run_python("3.14", src).out == "(1, 1)\n");
    CHECK(run_python("3.13", src).out == "(3, 3)\n");
}

TEST_CASE(
    "borrowed items and locals leave every count balanced when calls "
    "fail, loop and nest",
    "[borrow]") {
    // CheckedRuntime verifies the heap when each run ends: a count off by one either way shows up
    // as a leak or a use after free.
    const char* src =
        "import sys\n"
        "def boom(a, b):\n"
        "    return a\n"
        "def rebinds(p):\n"
        "    p = [p]\n"
        "    del p\n"
        "    return 0\n"
        "def cell(p):\n"
        "    return lambda: p\n"
        "def gen(p):\n"
        "    yield p\n"
        "def star(*args, **kw):\n"
        "    return len(args) + len(kw)\n"
        "def f():\n"
        "    x = [1]\n"
        "    try:\n"
        "        boom(x, 1 / 0)\n"
        "    except ZeroDivisionError:\n"
        "        pass\n"
        "    r = rebinds(x) + len(cell(x)()) + len(next(gen(x))) + star(x, k=x)\n"
        "    for i in x:\n"
        "        r += i\n"
        "    y = x\n"
        "    x, y = y, x\n"
        "    return r, sys.getrefcount(x)\n"
        "print(f())\n"
        "print(f())\n";
    RunOutput o = run_python("3.14", src);
    CHECK(o.err.empty());
    CHECK(o.out == "(5, 2)\n(5, 2)\n");
}

TEST_CASE("an operator runs on a borrowed operand without a reference of its own in 3.14", "[borrow]") {
    // COMPARE_OP lets c go without a decref (PyStackRef_CLOSE); __eq__'s self is its own
    // reference: c and self, where 3.13 also counts the stack item and getrefcount's argument.
    const char* src =
        "import sys\n"
        "class C:\n"
        "    def __eq__(self, other):\n"
        "        return sys.getrefcount(self)\n"
        "def f():\n"
        "    c = C()\n"
        "    return c == 0, c is c, -len([c]) + 1\n"
        "print(f())\n";
    CHECK(run_python("3.14", src).out == "(2, True, 0)\n");
    CHECK(run_python("3.13", src).out == "(4, True, 0)\n");
}
