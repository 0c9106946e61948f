// set and frozenset behaviour (set_methods.cpp, set_object.cpp's storage operations): algebra,
// methods, iteration, repr, hashes and sizes, with user-class elements. Each case runs Python
// source through the interpreter and compares with what the profile's CPython prints.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "checked_runtime.h"
#include "python_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/hash.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

using Output = RunOutput;
Output run(const char* profile, std::string_view source) { return run_python(profile, source); }

std::string last_error_line(const Output& o) {
    std::string err = o.err;
    while (!err.empty() && err.back() == '\n') err.pop_back();
    const size_t nl = err.rfind('\n');
    return nl == std::string::npos ? err : err.substr(nl + 1);
}


}  // namespace

TEST_CASE("set algebra gives CPython's sets, in operator and method form", "[set]") {
    const char* source =
        "a = {1, 2, 3, 4}\n"
        "b = {3, 4, 5}\n"
        "print(a | b, a & b, a - b, a ^ b)\n"
        "print(a.union(b, [7]), a.intersection(b), a.difference(b), a.symmetric_difference(b))\n"
        "print({1, 2} <= a, {1, 2} < a, a >= {1}, a > a, a == {4, 3, 2, 1}, a != b)\n"
        "print(a.issubset([1, 2, 3, 4, 5]), a.issuperset([1]), a.isdisjoint({9}))\n"
        "c = a.copy(); c |= {10}; c &= {1, 10}; print(c)\n"
        "c = a.copy(); c -= {1}; c ^= {2, 99}; print(sorted(c))\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out ==
              "{1, 2, 3, 4, 5} {3, 4} {1, 2} {1, 2, 5}\n"
              "{1, 2, 3, 4, 5, 7} {3, 4} {1, 2} {1, 2, 5}\n"
              "True True True False True True\n"
              "True True True\n"
              "{1, 10}\n"
              "[3, 4, 99]\n");
    }
}

TEST_CASE("add, discard, remove, pop and clear behave as CPython's", "[set]") {
    const char* source =
        "s = {3, 1, 2}\n"
        "s.add(4); s.discard(1); s.discard(100)\n"
        "print(s, s.pop(), s)\n"
        "try:\n"
        "    s.remove(100)\n"
        "except KeyError as e:\n"
        "    print(e.args)\n"
        "s.clear()\n"
        "print(s)\n"
        "set().pop()\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.out == "{3, 4} 2 {3, 4}\n(100,)\nset()\n");
        CHECK(last_error_line(o) == "KeyError: 'pop from an empty set'");
    }
}

TEST_CASE("reprs of sets and frozensets follow the version", "[set]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, "print(repr({1, 2}), repr(frozenset([3])), set(), frozenset())\n");
        CHECK(o.out == "{1, 2} frozenset({3}) set() frozenset()\n");
    }
    Output o = run("2.7", "print repr(set([1, 2])), repr(frozenset([3])), set(), frozenset()\n");
    CHECK(o.out == "set([1, 2]) frozenset([3]) set([]) frozenset([])\n");
}

TEST_CASE("frozenset and tuple hashes are CPython's", "[set][hash]") {
    const char* source = "print(hash(frozenset([1, 2, 3])), hash(frozenset()), hash(frozenset([frozenset([1])])),"
                         " hash((1, (2, 3))), hash(()))\n";
    const std::pair<const char*, const char*> expected[] = {
        {"3.6", "-272375401224217160 133146708735736 5515263749738256364 -2573205875365132962 3527539\n"},
        {"3.8", "-272375401224217160 133146708735736 5515263749738256364 7267574591690527098 5740354900026072187\n"},
        {"3.13", "-272375401224217160 133146708735736 5515263749738256364 7267574591690527098 5740354900026072187\n"},
    };
    for (auto [profile, out] : expected) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == out);
    }
    Output o = run("2.7", "print hash(frozenset([1, 2, 3])), hash((1, (2, 3))), hash(())\n");
    CHECK(o.out == "-7699079583225461316 -2573205875365132962 3527539\n");
}

TEST_CASE("tuple_hash_of mixes item hashes with each line's algorithm", "[hash]") {
    const Py_hash_t items[] = {1, 2};
    CHECK(tuple_hash_of(*find_profile("3.6"), items, 2) == 3713081631934410656);
    CHECK(tuple_hash_of(*find_profile("3.12"), items, 2) == -3550055125485641917);
}

TEST_CASE("adding to a set while iterating raises Set changed size during iteration", "[set]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, "s = {1}\nfor x in s:\n    s.add(x + 1)\n");
        CHECK(last_error_line(o) == "RuntimeError: Set changed size during iteration");
    }
}

TEST_CASE("a set looks up a set key as a frozenset; unhashable elements raise", "[set]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, "print({1} in {frozenset([1])}, frozenset([1]) in {frozenset([1])})\n{[]}\n");
        CHECK(o.out == "True True\n");
        const bool v314 = std::string(profile) == "3.14";
        CHECK(last_error_line(o) == (v314 ? "TypeError: cannot use 'list' as a set element (unhashable type: 'list')"
                                          : "TypeError: unhashable type: 'list'"));
    }
}

TEST_CASE("instances with __hash__ and __eq__ deduplicate in a set", "[set]") {
    const char* source =
        "class P(object):\n"
        "    def __init__(self, x):\n"
        "        self.x = x\n"
        "    def __hash__(self):\n"
        "        return self.x % 2\n"
        "    def __eq__(self, other):\n"
        "        return self.x == other.x\n"
        "s = set([P(1), P(3), P(1), P(2)])\n"
        "print(len(s), P(3) in s, P(5) in s)\n";
    for (const char* profile : {"2.7", "3.6", "3.8", "3.12", "3.13"}) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == (std::string(profile) == "2.7" ? "(3, True, False)\n" : "3 True False\n"));
    }
}

TEST_CASE("set copies and sets from dicts are presized as CPython presizes them", "[set][sizes]") {
    const char* source =
        "import sys\n"
        "s = set(range(6))\n"
        "print(sys.getsizeof(s), sys.getsizeof(s.copy()), sys.getsizeof(set(dict.fromkeys(range(6)))),"
        " sys.getsizeof(frozenset(s)))\n";
    const std::pair<const char*, const char*> expected[] = {
        {"3.6", "736 480 480 480\n"},  // upstream 3.6: pyenv's figures minus 8
        {"3.8", "728 472 472 472\n"},
        {"3.12", "728 472 472 472\n"},
    };
    for (auto [profile, out] : expected) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == out);
    }
}
