// The copy module (core/interp/copymodule.cpp): atoms copy to themselves, containers are copied
// shallowly or deeply, deepcopy's memo keeps shared and cyclic structure, instances go through
// __copy__ / __deepcopy__ or the reduce protocol, and no reference is left behind. Each case runs
// Python source and compares what it prints with what CPython prints for the profile.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "python_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

using Output = RunOutput;
Output run(const char* profile, std::string_view source) { return run_python(profile, source); }


}  // namespace

TEST_CASE("copy returns atoms as they are and copies lists, dicts and sets one level deep", "[copy]") {
    const char* source =
        "import copy\n"
        "s, n, t, f = 'a' * 3, 10 ** 30, (1, [2]), frozenset([1])\n"
        "print([copy.copy(x) is x for x in (s, n, t, f, None, len)])\n"
        "inner = [1]\n"
        "for c in ([inner], {'k': inner}, {1, 2}):\n"
        "    d = copy.copy(c)\n"
        "    print(d is c, d == c, type(d).__name__)\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "[True, True, True, True, True, True]\nFalse True list\nFalse True dict\nFalse True set\n");
    }
}

TEST_CASE("deepcopy keeps shared and cyclic structure, and tuples of atoms as they are", "[copy]") {
    const char* source =
        "import copy\n"
        "shared = [0]\n"
        "a = [shared, shared, (1, 'x'), (1, shared)]\n"
        "a.append(a)\n"
        "b = copy.deepcopy(a)\n"
        "print(b[0] is b[1], b[0] is shared, b[2] is a[2], b[3] is a[3], b[3][1] is b[0], b[4] is b)\n"
        "memo = {}\n"
        "copy.deepcopy([shared], memo)\n"
        "print(len(memo), memo[id(shared)] == shared, memo[id(memo)][0] is shared)\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "True False True False True True\n3 True True\n");
    }
}

TEST_CASE("instances copy their state through the hooks or the reduce protocol", "[copy]") {
    const char* source =
        "import copy\n"
        "class P:\n"
        "    def __init__(self):\n"
        "        self.items = [1]\n"
        "class S:\n"
        "    __slots__ = ('a', 'b')\n"
        "class H:\n"
        "    def __copy__(self):\n"
        "        return 'shallow'\n"
        "    def __deepcopy__(self, memo):\n"
        "        return 'deep'\n"
        "p = P()\n"
        "q, r = copy.copy(p), copy.deepcopy(p)\n"
        "print(type(q) is P, q.items is p.items, r.items is p.items, r.items == p.items)\n"
        "s = S()\n"
        "s.a = [2]\n"
        "t = copy.deepcopy(s)\n"
        "print(t.a == s.a, t.a is s.a, hasattr(t, 'b'))\n"
        "print(copy.copy(H()), copy.deepcopy(H()))\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "True True False True\nTrue False False\nshallow deep\n");
    }
}

TEST_CASE("copying leaves the originals' reference counts as they were", "[copy]") {
    const char* source =
        "import copy, sys\n"
        "x = [1]\n"
        "d = {'x': x}\n"
        "before = sys.getrefcount(x), sys.getrefcount(d)\n"
        "c = copy.copy(d)\n"
        "print(sys.getrefcount(x) - before[0], sys.getrefcount(d) - before[1])\n"
        "del c\n"
        "e = copy.deepcopy(d)\n"
        "print(sys.getrefcount(x) - before[0], sys.getrefcount(d) - before[1])\n";
    for (const char* profile : {"3.8", "3.12"}) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.out == "1 0\n0 0\n");
    }
}

TEST_CASE("what cannot be copied raises CPython's TypeError", "[copy]") {
    const char* source =
        "import copy\n"
        "def g():\n"
        "    yield 1\n"
        "try:\n"
        "    copy.copy(g())\n"
        "except TypeError as e:\n"
        "    print(e)\n"
        "print(copy.Error is copy.error, issubclass(copy.Error, Exception))\n";
    Output o = run("3.12", source);
    CHECK(o.out == "cannot pickle 'generator' object\nTrue True\n");
    o = run("3.6", source);
    CHECK(o.out == "can't pickle generator objects\nTrue True\n");
}
