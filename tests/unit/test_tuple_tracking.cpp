// When a tuple joins the collector: 3.14 (3.14.1's gh-139951) leaves a tuple made from items at
// hand (_PyTuple_FromArray, PyTuple_Pack, BUILD_TUPLE, *args) untracked when no item's type is a
// GC type; PyTuple_New's tuples (tuple(iterable) of a non-list) start tracked, as before, and a
// collection untracks them. Before 3.14 every new tuple starts tracked.
#include <catch2/catch.hpp>

#include "python_run.h"

using namespace pymemlab;

TEST_CASE("a tuple of atoms built at run time is untracked at creation in 3.14 and tracked before", "[tuple_tracking]") {
    const char* src =
        "import gc\n"
        "a = 1\n"
        "print(gc.is_tracked((a, 'x', None)), gc.is_tracked(tuple([a, 2.5])))\n";
    CHECK(run_python("3.14", src).out == "False False\n");
    CHECK(run_python("3.13", src).out == "True True\n");
    CHECK(run_python("3.8", src).out == "True True\n");
}

TEST_CASE("any item of a GC type makes 3.14 track the tuple, even an untracked tuple or a class", "[tuple_tracking]") {
    const char* src =
        "import gc\n"
        "a = 1\n"
        "print(gc.is_tracked((a, [])), gc.is_tracked((a, ())), gc.is_tracked((a, int)))\n";
    CHECK(run_python("3.14", src).out == "True True True\n");
}

TEST_CASE("tuple() of a non-list iterable starts tracked in 3.14 until a collection untracks it", "[tuple_tracking]") {
    const char* src =
        "import gc\n"
        "t = tuple(range(2))\n"
        "print(gc.is_tracked(t))\n"
        "gc.collect()\n"
        "print(gc.is_tracked(t))\n";
    CHECK(run_python("3.14", src).out == "True\nFalse\n");
}

TEST_CASE("*args and an exception's args made of atoms are untracked at creation in 3.14", "[tuple_tracking]") {
    const char* src =
        "import gc\n"
        "def f(*args):\n"
        "    return gc.is_tracked(args)\n"
        "print(f(1, 'a'), f(1, []), gc.is_tracked(ValueError('x').args))\n";
    CHECK(run_python("3.14", src).out == "False True False\n");
    CHECK(run_python("3.13", src).out == "True True True\n");
}

TEST_CASE("a tuple 3.14 never tracks adds nothing to the young generation's count", "[tuple_tracking]") {
    // 3.14.1 counts objects as they are tracked (gh-139951), not as they are allocated.
    const char* src =
        "import gc\n"
        "gc.collect()\n"
        "a = 1\n"
        "c0 = gc.get_count()[0]\n"
        "t1 = (a, 1)\n"
        "t2 = (a, 'x')\n"
        "c1 = gc.get_count()[0]\n"
        "u = (a, [])\n"
        "print(c1 - c0, gc.get_count()[0] - c1)\n";
    CHECK(run_python("3.14", src).out == "0 2\n");
}
